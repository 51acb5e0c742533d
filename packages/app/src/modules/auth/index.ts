export { authModule } from './authModule';
export { dexAuthApiRef, DEX_PROVIDER_ID } from './dexAuthApi';
export { signInProvidersFor } from './signInProviders';
export type { PorticoSignInProvider } from './signInProviders';
