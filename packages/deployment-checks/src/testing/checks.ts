export * from './appConfig';
export * from './buildContext';
export * from './catalog';
export * from './compose';
export * from './dockerfile';
export * from './dockerignore';
export * from './kubernetesSchemas';
export * from './repo';
