// `npm run codegen`: openapi-typescript types for every service, from the committed specs.
import { relative } from 'node:path';
import { services } from '../../schemas/index.ts';
import { writeClientTypes } from './types.ts';

const root = process.cwd();
const files = await writeClientTypes(
  root,
  services.map((s) => s.id),
);
process.stdout.write(`${files.map((f) => `wrote ${relative(root, f)}`).join('\n')}\n`);
