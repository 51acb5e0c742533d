/*
 * Types of the Portico provisioning API, shared by provisioning-backend, its frontend and the Argo Events action
 */
export {};
