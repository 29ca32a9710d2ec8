// The bench child process: runs one job given as JSON in argv[2] and prints its figures as one JSON line.
// Started by src/measure/bench/run.ts with --expose-gc so memory is read after a collection.
import { loadConfig } from '../../config.ts';
import { type BenchJob, runJob } from './jobs.ts';

const job = JSON.parse(process.argv[2] ?? '{}') as BenchJob;
const figures = await runJob(job, loadConfig(process.env));
process.stdout.write(JSON.stringify(figures) + '\n');
