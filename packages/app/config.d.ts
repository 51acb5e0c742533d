export interface Config {
  portico?: {
    signIn?: {
      /**
       * The sign-in methods of the sign-in page in development (`auth.environment: development`),
       * shown Dex first; default `[guest]`. Outside development the page offers Dex only,
       * whatever this says (the backend refuses guest sign-in there anyway). The local
       * platform's Dex peer (make start) sets `[dex, guest]`.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'dex'>;
    };
  };
}
