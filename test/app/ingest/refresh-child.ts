// Test driver for the kill test: a refresh in a child process that SIGKILLs itself at a chosen point of the
// snapshot write (0 files, 1 graph, 2 rename, 3 pointer, 4 after the switch with the lock still held), or
// runs to the end to be killed from outside at a random moment. Arguments: CORPUS INDEX [KILL_AT].

import { ingest } from '../../../src/app/ingest.ts';
import { loadConfig } from '../../../src/config.ts';
import { TEST_ENV } from '../../helpers/env.ts';

const [corpus, index, killAt] = process.argv.slice(2);
const config = loadConfig({ ...TEST_ENV, CORPUS_DIR: corpus, INDEX_DIR: index });
await ingest(config, {
  corpusDir: config.corpusDir,
  indexDir: config.indexDir,
  mode: 'incremental',
  onProgress: (p) => {
    if (killAt !== undefined && p.stage === 'write' && p.done === Number(killAt)) process.kill(process.pid, 'SIGKILL');
  },
});
