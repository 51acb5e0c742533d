/**
 * The Portico mark: a gateway under a pediment (a portico), drawn on a 40x40 grid.
 * Shared by the sidebar logos and the home page.
 */
export const PORTICO_ACCENT = '#7df3e1';

export const PorticoMarkPaths = (props: { fill: string }) => (
  <g fill={props.fill}>
    {/* pediment */}
    <path d="M20 3 L37 11.5 H3 Z" />
    {/* entablature */}
    <rect x="4" y="13" width="32" height="3" rx="0.6" />
    {/* pillars */}
    <rect x="6" y="17.5" width="6" height="16" />
    <rect x="28" y="17.5" width="6" height="16" />
    {/* arch between the pillars: the gateway */}
    <path d="M12 17.5 H28 V28 A8 8 0 0 0 12 28 Z" />
    {/* steps */}
    <rect x="3" y="34.5" width="34" height="2.5" rx="0.6" />
  </g>
);
