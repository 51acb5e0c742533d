import {
  RANGE_PRESETS,
  type RangePreset,
} from '@internal/plugin-observability-common';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

/** 1h / 6h / 24h / 7d. */
export function RangePicker(props: {
  value: RangePreset;
  onChange: (range: RangePreset) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value}
      aria-label="Time range"
      onChange={(_e, value: RangePreset | null) =>
        value && props.onChange(value)
      }
    >
      {RANGE_PRESETS.map(range => (
        <ToggleButton key={range} value={range} aria-label={`Last ${range}`}>
          {range}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
