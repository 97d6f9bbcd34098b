// Appends one list to another in place. `target.push(...items)` passes every item as an argument
// on the stack, and past ~100,000 items (a large estate's reasons, endpoints or changes) it
// throws "Maximum call stack size exceeded".

export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
