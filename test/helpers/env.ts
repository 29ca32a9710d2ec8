// The environment of every test process, children included (no vitest import here: children load it too).
/** A small embedding dimension keeps the tests fast; everything else is the default configuration. */
export const TEST_ENV = { LOG_LEVEL: 'silent', EMBEDDINGS_DIM: '128' };
