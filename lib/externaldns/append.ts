// Growing lists in place, for lists whose length grows with the estate. Copying a list per added
// value is quadratic, and `target.push(...items)` passes every item as an argument on the stack:
// past ~100,000 items (a large estate's reasons, endpoints or changes) it throws "Maximum call
// stack size exceeded".

export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}

/** Adds `value` to the list kept under `key`, starting the list on first use (in place, never a copy per value). */
export function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
