// Runs one JavaScript search library over exported posts with the queries of queries.json and
// prints one JSON line: index build time, p50/p95 of query + facet counts, hits per query.
//
//   node bench.mjs <minisearch|orama|itemsjs> <posts.json> [--rounds N] [--budget-seconds S]
//
// Every query does the work jobsift's widget does: the text query, one optional tag filter,
// the top 10 hits, and facet counts for tags (disjunctive: the tag selection removed), org,
// remote and type (with every filter applied).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import MiniSearch from 'minisearch';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import itemsjs from 'itemsjs';

const [library, postsPath, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const at = rest.indexOf(name);
  return at >= 0 ? Number(rest[at + 1]) : fallback;
};
const rounds = option('--rounds', 5);
const budgetSeconds = option('--budget-seconds', 300);
if (!library || !postsPath) {
  console.error('usage: node bench.mjs <minisearch|orama|itemsjs> <posts.json> [--rounds N] [--budget-seconds S]');
  process.exit(2);
}

const here = new URL('.', import.meta.url);
const { queries } = JSON.parse(readFileSync(new URL('queries.json', here), 'utf8'));
// Nulls become explicit values: the libraries' facets and schemas cannot hold null.
const posts = JSON.parse(readFileSync(postsPath, 'utf8')).map((p) => ({
  id: p.id,
  title: p.title,
  org: p.org ?? '',
  tags: p.tags,
  remote: p.remote,
  type: p.type ?? 'unknown',
  body: p.body,
}));

// Counts for the facets over a list of posts; tags may come from a different list.
function countFacets(postsForTags, postsFiltered) {
  const tags = new Map();
  for (const p of postsForTags) for (const t of p.tags) tags.set(t, (tags.get(t) ?? 0) + 1);
  const org = new Map();
  const remote = new Map();
  const type = new Map();
  for (const p of postsFiltered) {
    if (p.org) org.set(p.org, (org.get(p.org) ?? 0) + 1);
    remote.set(p.remote, (remote.get(p.remote) ?? 0) + 1);
    type.set(p.type, (type.get(p.type) ?? 0) + 1);
  }
  return { tags: tags.size, org: org.size, remote: remote.size, type: type.size };
}

// Meilisearch's typo budget, which jobsift uses: 0 under 5 letters, 1 from 5, 2 from 9.
const typoBudget = (term) => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0);

function setUpMiniSearch() {
  const index = new MiniSearch({
    fields: ['title', 'org', 'tagText', 'body'],
    storeFields: [],
    extractField: (doc, field) => (field === 'tagText' ? doc.tags.join(' ') : doc[field]),
  });
  index.addAll(posts);
  const byId = posts;
  return (query) => {
    const hits = index.search(query.text, {
      boost: { title: 3, org: 2, tagText: 2 },
      combineWith: 'AND',
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => typoBudget(term),
    });
    const all = hits.map((h) => byId[h.id]);
    const filtered = query.tag ? all.filter((p) => p.tags.includes(query.tag)) : all;
    countFacets(all, filtered);
    return { total: filtered.length, top: filtered.slice(0, 10).map((p) => p.id) };
  };
}

async function setUpOrama() {
  const db = create({
    schema: { title: 'string', org: 'string', body: 'string', tags: 'enum[]', remote: 'boolean', type: 'enum' },
  });
  // Orama's own ids are strings; the position in `posts` is kept in `ref`.
  await insertMultiple(db, posts.map((p) => ({ ...p, id: String(p.id) })), 1000);
  const facetsFiltered = { org: { limit: 10 }, remote: { true: true, false: false }, type: { limit: 10 } };
  return async (query) => {
    // threshold 0: only posts holding every query word, as jobsift and the other two match.
    const base = { term: query.text, properties: ['title', 'org', 'body'], boost: { title: 3, org: 2 }, threshold: 0, limit: 10 };
    if (!query.tag) {
      const result = await oramaSearch(db, { ...base, facets: { tags: { limit: 30 }, ...facetsFiltered } });
      return { total: result.count, top: result.hits.map((h) => Number(h.id)) };
    }
    // Disjunctive tag counts need the query without the tag filter: a second search.
    const filtered = await oramaSearch(db, { ...base, where: { tags: { containsAll: [query.tag] } }, facets: facetsFiltered });
    await oramaSearch(db, { ...base, limit: 0, facets: { tags: { limit: 30 } } });
    return { total: filtered.count, top: filtered.hits.map((h) => Number(h.id)) };
  };
}

function setUpItemsJs() {
  const engine = itemsjs(posts, {
    searchableFields: ['title', 'org', 'body'],
    aggregations: {
      tags: { title: 'Tags', size: 30, conjunction: false },
      org: { title: 'Organisation', size: 10 },
      remote: { title: 'Remote', size: 2 },
      type: { title: 'Type', size: 10 },
    },
  });
  return (query) => {
    const result = engine.search({ query: query.text, per_page: 10, filters: query.tag ? { tags: [query.tag] } : {} });
    return { total: result.pagination.total, top: result.data.items.map((p) => p.id) };
  };
}

const buildStart = performance.now();
const run =
  library === 'minisearch' ? setUpMiniSearch() : library === 'orama' ? await setUpOrama() : library === 'itemsjs' ? setUpItemsJs() : null;
if (!run) {
  console.error(`unknown library ${library}`);
  process.exit(2);
}
const buildMs = performance.now() - buildStart;

// One warm-up pass (JIT, lazy structures), then timed rounds until the rounds or the budget end.
const totals = [];
const timings = [];
const deadline = performance.now() + budgetSeconds * 1000;
let completedQueries = 0;
outer: for (let round = 0; round <= rounds; round++) {
  for (const [i, query] of queries.entries()) {
    if (performance.now() > deadline) break outer;
    const start = performance.now();
    const result = await run(query);
    const elapsed = performance.now() - start;
    if (round === 0) totals[i] = result.total;
    else timings.push(elapsed);
    completedQueries++;
  }
}
timings.sort((a, b) => a - b);
const pct = (q) => (timings.length ? timings[Math.min(timings.length - 1, Math.floor(q * timings.length))] : null);
console.log(
  JSON.stringify({
    library,
    posts: posts.length,
    build_ms: Math.round(buildMs),
    heap_mb: Math.round(process.memoryUsage().heapUsed / 1e6),
    queries: queries.length,
    timed_samples: timings.length,
    complete: completedQueries === queries.length * (rounds + 1),
    p50_ms: pct(0.5),
    p95_ms: pct(0.95),
    totals,
  }),
);
