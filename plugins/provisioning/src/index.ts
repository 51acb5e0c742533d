/*
 * Provisioning runs page and entity tab: live timeline per run with resource links
 */
export {};
