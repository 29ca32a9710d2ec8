// Runs the citizen dev set over the shipped corpora together (civil code, work reports, seed; each folder of
// ../shared/corpora loaded under its own name, so documents are "civil-code/婚姻家庭编.md"), through the same
// ask() the bot uses, and scores every answer.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Answerer } from '../../answer/types.ts';
import { type AskOptions, retrieveWithContext } from '../../app/ask.ts';
import type { Engine } from '../../app/engine.ts';
import type { Config } from '../../config.ts';
import { type LoadedDoc, loadCorpus } from '../../corpus/load.ts';
import { matchForm } from '../../text/normalize.ts';
import type { Answer } from '../../types.ts';
import { buildOurs } from '../bench/systems.ts';
import { askAsTheBot } from './answers.ts';
import { type CitizenItem, type CitizenOutcome, loadCitizenSet, scoreCitizen } from './citizen.ts';

/** Every sub-folder of `dir` as one corpus, its documents' paths and ids prefixed with the folder's name. */
export async function loadCorpora(dir: string): Promise<LoadedDoc[]> {
  const docs: LoadedDoc[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!statSync(join(dir, name)).isDirectory()) continue;
    const load = await loadCorpus(join(dir, name));
    for (const d of load.docs) docs.push({ ...d, id: `${name}/${d.id}`, path: `${name}/${d.path}` });
  }
  return docs;
}

export interface CitizenRun {
  items: CitizenItem[];
  outcomes: CitizenOutcome[];
  answers: Answer[];
  /** Per in-scope item: the rank (1-based) of the first retrieved passage holding a required citation, 0 if none in the top k. */
  ranks: number[];
  engine: Engine;
}

export async function buildCitizenEngine(config: Config, corporaDir: string): Promise<Engine> {
  if (!existsSync(corporaDir)) throw new Error(`${corporaDir}: no corpora folder`);
  return (await buildOurs(await loadCorpora(corporaDir), config)).engine;
}

export async function runCitizen(engine: Engine, answerer: Answerer, setDir: string, config: Pick<Config, 'hotlines'>): Promise<CitizenRun> {
  const items = loadCitizenSet(setDir);
  const outcomes: CitizenOutcome[] = [];
  const answers: Answer[] = [];
  const ranks: number[] = [];
  for (const item of items) {
    const opts: AskOptions = item.previous ? { previousQuestion: item.previous } : {};
    // Through the same guard step as the bot, then the pipeline.
    const a = await askAsTheBot(engine, answerer, item.question, opts, config);
    answers.push(a);
    outcomes.push(scoreCitizen(item, a));
    if (item.expect === 'answer') {
      const r = await retrieveWithContext(engine, engine.query(item.question), item.previous);
      const holds = (h: (typeof r.hits)[number]) =>
        item.cite.some(
          (w) => h.doc.path === w.doc && (w.year === undefined || h.doc.meta?.year === w.year) && matchForm(h.chunk.text).includes(matchForm(w.text)),
        );
      ranks.push(r.hits.findIndex(holds) + 1);
    } else ranks.push(0);
  }
  return { items, outcomes, answers, ranks, engine };
}
