// The ESLint rule behind eslint.config.js's LAYERS table: every import of a file in a layer
// must land in its own layer or in a layer its row lists. Relative imports are resolved to
// the folder they reach (so '../engine' from electron/core/store and '../core/engine' from
// electron/cli are the same layer). Two pseudo-layers stand for what is not a folder:
// 'node' (Node built-ins and native Node modules) and 'electron' (the Electron API).
// npm packages that are neither are not layers and stay free.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules);
/** Packages that only run in Node (native addons): they count as the 'node' pseudo-layer. */
const NODE_PACKAGES = new Set(['better-sqlite3']);

const toPosix = (p) => p.split(sep).join('/');
const isTestFile = (path) => /\.test\.tsx?$/.test(path);

/** The longest table key equal to `path` or a folder above it, or undefined. */
function layerOf(keys, path) {
  let best;
  for (const k of keys) if ((path === k || path.startsWith(`${k}/`)) && (!best || k.length > best.length)) best = k;
  return best;
}

/** What an import specifier reaches: a layer key, 'node', 'electron', a path outside every layer, or null (a free npm package). */
function targetOf(keys, root, fromFile, spec) {
  if (spec.startsWith('.')) {
    const path = toPosix(relative(root, resolve(dirname(fromFile), spec)));
    return layerOf(keys, path) ?? path;
  }
  if (spec.startsWith('node:')) return 'node';
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (NODE_BUILTINS.has(pkg) || NODE_PACKAGES.has(pkg)) return 'node';
  if (pkg === 'electron') return 'electron';
  return null;
}

/**
 * options: { root, layers: { [folder]: readonly string[] }, testSupport: readonly string[] }.
 * Test files (*.test.ts) under electron/ may also import every layer under electron/ and Node
 * (fixtures, node:test, a consumer checked from its dependency's test), never Electron unless
 * their row lists it. The renderer has no such exemption: no file under it imports Node (its
 * logic is unit-tested from e2e/unit/).
 */
export function layerRule({ root, layers, testSupport, owned }) {
  const keys = Object.keys(layers);
  return {
    meta: { type: 'problem', schema: [], docs: { description: 'imports follow the LAYERS table in eslint.config.js' } },
    create(context) {
      const file = toPosix(relative(root, context.filename));
      const own = layerOf(keys, file);
      const inScope = owned.some((top) => file.startsWith(`${top}/`));
      if (!own && !inScope) return {};
      const row = own ? layers[own] : [];
      const allowed = new Set(own ? [own, ...row] : []);
      if (own && own.startsWith('electron/') && isTestFile(file)) for (const extra of [...testSupport, 'node', ...keys.filter((k) => k.startsWith('electron/'))]) allowed.add(extra);
      function check(node, spec) {
        if (typeof spec !== 'string') return;
        if (!own) {
          context.report({ node, message: `${file} is in no layer: add its folder as a row of LAYERS in eslint.config.js (your folder, and the row that lists what it may use).` });
          return;
        }
        const target = targetOf(keys, root, context.filename, spec);
        if (target === null || allowed.has(target)) return;
        const uses = row.length > 0 ? row.join(', ') : 'nothing outside itself';
        context.report({
          node,
          message: `Layer ${own} may not import ${target} ('${spec}'). Your folder, and the row that lists what it may use: LAYERS['${own}'] in eslint.config.js = ${uses}. Move the shared code down to a layer both may use, or add the dependency to the row if it points the right way.`,
        });
      }
      const fromSource = (node) => node.source && check(node, node.source.value);
      return {
        ImportDeclaration: fromSource,
        ExportNamedDeclaration: fromSource,
        ExportAllDeclaration: fromSource,
        ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && check(node, node.moduleReference.expression.value),
      };
    },
  };
}
