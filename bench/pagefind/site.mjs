// Writes a static site for Pagefind from posts exported by jobsift's own indexer
// (`jobsift-bench export-json`): one page per post, carrying the fields jobsift extracts
// as Pagefind filters (tags, org, location, remote, type) and sort keys (date, salary).
//
//   node site.mjs <posts.json> <out-dir>
import fs from 'node:fs';
import path from 'node:path';

const [postsFile, outDir] = process.argv.slice(2);
if (!postsFile || !outDir) throw new Error('usage: node site.mjs <posts.json> <out-dir>');
const posts = JSON.parse(fs.readFileSync(postsFile, 'utf8'));

/** Post text is data: every value goes into the page as escaped text. */
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const filter = (name, value) => (value === null || value === undefined || value === ''
  ? '' : `<span data-pagefind-filter="${name}">${escape(value)}</span>\n`);

fs.mkdirSync(path.join(outDir, 'p'), { recursive: true });
for (const post of posts) {
  const salary = post.salary_max ?? post.salary_min;
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escape(post.title)}</title></head>
<body>
<main data-pagefind-body>
<h1>${escape(post.title)}</h1>
<div data-pagefind-ignore>
${post.tags.map((tag) => filter('tags', tag)).join('')}${filter('org', post.org)}${filter('location', post.location)}${filter('remote', post.remote ? 'yes' : 'no')}${filter('type', post.type)}${post.date ? `<span data-pagefind-sort="date">${escape(post.date)}</span>\n` : ''}${salary ? `<span data-pagefind-sort="salary">${String(salary).padStart(7, '0')}</span>\n` : ''}</div>
${post.body.split('\n\n').map((paragraph) => `<p>${escape(paragraph)}</p>`).join('\n')}
</main>
</body>
</html>
`;
  fs.writeFileSync(path.join(outDir, 'p', `${post.id}.html`), page);
}
console.error(`wrote ${posts.length} pages into ${outDir}/p`);
