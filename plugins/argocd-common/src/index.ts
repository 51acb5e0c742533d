/*
 * Types of the Portico Argo CD API, shared by argocd-backend and the argocd frontend
 */
export {};
