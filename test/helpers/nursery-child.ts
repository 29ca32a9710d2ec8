// Run by test/app/nursery.test.ts in a process of its own: keeps 600k small objects alive, held or not, and
// prints V8's new space size before and after (a fresh process, so nothing else has grown it).
import { getHeapSpaceStatistics } from 'node:v8';
import { withNurseryHeld } from '../../src/app/nursery.ts';

const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
const kept: object[] = [];
const fill = async () => {
  for (let i = 0; i < 600_000; i++) kept.push({ i, s: `x${i}` });
};
const before = newSpace();
if (process.argv[2] === 'held') await withNurseryHeld(fill);
else await fill();
process.stdout.write(JSON.stringify({ before, after: newSpace(), kept: kept.length }));
