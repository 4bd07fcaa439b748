// The test files' `import … from 'uvu'` gets the counting wrapper; the wrapper itself and uvu's own
// runner get uvu.
const counted = new URL('./uvu-counted.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (specifier === 'uvu' && parent !== counted && !/[\\/]node_modules[\\/]uvu[\\/]/.test(parent)) {
    return { url: counted, shortCircuit: true };
  }
  return next(specifier, context);
}
