/**
 * JSON.parse keeps the last of two equal keys in an object, so a file could hold two
 * different entries under one name and show only one. This scans JSON text that JSON.parse
 * has already accepted and reports the first key that occurs twice in the same object.
 */

export interface DuplicateKey {
  key: string;
  /** The key of the enclosing object's entry ('' for the top level). */
  parent: string;
}

/** The first repeated key of any object in `text` (valid JSON), or null. Linear in the text. */
export function findDuplicateJsonKey(text: string): DuplicateKey | null {
  // One frame per open object or array: the keys seen so far (null for arrays) and its own key.
  const stack: { keys: Set<string> | null; name: string }[] = [];
  let lastString = '';
  let pendingName = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      lastString = JSON.parse(text.slice(i, j + 1)) as string;
      i = j;
      continue;
    }
    if (ch === ':') {
      const top = stack[stack.length - 1];
      if (top.keys!.has(lastString)) return { key: lastString, parent: top.name };
      top.keys!.add(lastString);
      pendingName = lastString;
    } else if (ch === '{' || ch === '[') {
      // An object inside an array is named after the array's entry.
      const outer = stack[stack.length - 1];
      stack.push({ keys: ch === '{' ? new Set() : null, name: pendingName || (outer?.keys === null ? outer.name : '') });
      pendingName = '';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      pendingName = '';
    }
  }
  return null;
}
