// The page's build steps around tsc: `clean` empties dist/, `copy` puts index.html, the stylesheet
// and the client's ES modules (dist/client/, found by the page's import map) beside app.js.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const step = process.argv[2];

if (step === 'clean') {
    rmSync(dist, { recursive: true, force: true });
} else if (step === 'copy') {
    mkdirSync(dist, { recursive: true });
    for (const file of ['index.html', 'styles.css']) cpSync(join(here, file), join(dist, file));
    const client = join(here, 'node_modules', '@matcher', 'client', 'dist');
    if (!existsSync(join(client, 'index.js'))) {
        console.error(`${client}/index.js is missing: build clients/typescript first (npm run build there).`);
        process.exit(1);
    }
    mkdirSync(join(dist, 'client'), { recursive: true });
    for (const file of readdirSync(client)) {
        if (file.endsWith('.js')) cpSync(join(client, file), join(dist, 'client', file));
    }
} else {
    console.error('usage: node build.mjs clean|copy');
    process.exit(2);
}
