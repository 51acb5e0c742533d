import { Link } from '@backstage/core-components';
import type { ImageFindings } from '@internal/plugin-service-health-common';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { severityColor } from './SeverityCounts';

/** Most CVEs listed per image; the rest are counted. */
const SHOWN = 8;

/** One running image: what runs it, and its worst CVEs with the version that fixes each. */
export function ImageVulnerabilities(props: { image: ImageFindings }) {
  const { image } = props;
  const shown = image.vulnerabilities.slice(0, SHOWN);
  const more = image.vulnerabilities.length - shown.length;
  return (
    <div data-testid={`image-${image.workload.name}-${image.container}`}>
      <Typography variant="subtitle2">
        {image.workload.kind} {image.workload.name} · {image.container}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {image.image} in {image.namespace}
      </Typography>
      {shown.length === 0 ? (
        <Typography variant="body2">No known vulnerabilities.</Typography>
      ) : (
        <Table size="small" aria-label={`Vulnerabilities of ${image.image}`}>
          <TableHead>
            <TableRow>
              <TableCell>CVE</TableCell>
              <TableCell>Package</TableCell>
              <TableCell>Installed</TableCell>
              <TableCell>Fix</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(v => (
              <TableRow key={`${v.id}/${v.packageName}`}>
                <TableCell title={v.title}>
                  <span
                    style={{
                      display: 'inline-block',
                      width: 8,
                      height: 8,
                      borderRadius: 4,
                      marginRight: 6,
                      backgroundColor: severityColor(v.severity),
                    }}
                    title={v.severity.toLowerCase()}
                  />
                  {v.link ? <Link to={v.link}>{v.id}</Link> : v.id}
                </TableCell>
                <TableCell>{v.packageName}</TableCell>
                <TableCell>{v.installedVersion}</TableCell>
                <TableCell>
                  {v.fixedVersion ? (
                    <>upgrade to {v.fixedVersion}</>
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      no fix yet
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {more > 0 && (
        <Typography variant="caption" color="textSecondary">
          and {more} more
        </Typography>
      )}
    </div>
  );
}
