/**
 * Source text (plain JavaScript, no imports) of `isJsonText(s)`: true exactly when JSON.parse(s)
 * would return rather than throw. The plan check worker (plan-check-worker.ts) runs it over the
 * parts of a big plan the main thread does not parse (planned_values, prior_state,
 * configuration: two thirds of the file), only to prove them valid JSON. JSON.parse built every
 * object of those 40 MB just to drop them (about 2.5x the CPU, and its garbage); this scans.
 *
 * The grammar is RFC 8259's, as V8's JSON.parse applies it: whitespace is space, tab, LF, CR;
 * strings hold no unescaped code unit below U+0020, escapes are \" \\ \/ \b \f \n \r \t and \u
 * with four hex digits (lone surrogates are fine); numbers are -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?;
 * literals are true, false, null; any nesting depth (an explicit stack, as V8's parser has).
 * json-validity.test.ts compares it with JSON.parse on generated and mutated texts. Were it
 * ever to refuse a valid text, the import would only take the ordinary path (slower, same
 * answer); it must never accept an invalid one.
 *
 * Source text rather than a function: the worker is given its whole program as text (so that it
 * runs the same bundled, under tsx and in Electron), and a function's toString() is whatever
 * the bundler made of it.
 */
export const JSON_VALIDITY_SOURCE = String.raw`
function isJsonText(s) {
  var n = s.length, i = 0, c = 0, depth = 0, inObject = false, k = 0;
  var outer = [];
  var plain = /[^"\\\u0000-\u001f]*/y;
  var hex = /[0-9A-Fa-f]{4}/y;
  for (;;) {
    // A value (after '[', ',' or ':', or the whole text).
    while ((c = s.charCodeAt(i)) === 32 || c === 10 || c === 13 || c === 9) i++;
    if (c === 34) {
      if ((i = stringEnd(i)) < 0) return false;
    } else if (c === 123 || c === 91) {
      i++;
      while ((k = s.charCodeAt(i)) === 32 || k === 10 || k === 13 || k === 9) i++;
      if (k === (c === 123 ? 125 : 93)) {
        i++;
      } else {
        outer.push(inObject);
        depth++;
        inObject = c === 123;
        if (inObject && (i = memberValueStart(i)) < 0) return false;
        continue;
      }
    } else if (c === 116) {
      if (!s.startsWith('true', i)) return false;
      i += 4;
    } else if (c === 102) {
      if (!s.startsWith('false', i)) return false;
      i += 5;
    } else if (c === 110) {
      if (!s.startsWith('null', i)) return false;
      i += 4;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      if (c === 45) c = s.charCodeAt(++i);
      if (c === 48) c = s.charCodeAt(++i);
      else if (c >= 49 && c <= 57) { do c = s.charCodeAt(++i); while (c >= 48 && c <= 57); }
      else return false;
      if (c === 46) {
        c = s.charCodeAt(++i);
        if (!(c >= 48 && c <= 57)) return false;
        do c = s.charCodeAt(++i); while (c >= 48 && c <= 57);
      }
      if (c === 101 || c === 69) {
        c = s.charCodeAt(++i);
        if (c === 43 || c === 45) c = s.charCodeAt(++i);
        if (!(c >= 48 && c <= 57)) return false;
        do c = s.charCodeAt(++i); while (c >= 48 && c <= 57);
      }
    } else {
      return false;
    }
    // After a value: the end of the text, or ',' / the closing bracket of the container it is in.
    for (;;) {
      while ((c = s.charCodeAt(i)) === 32 || c === 10 || c === 13 || c === 9) i++;
      if (depth === 0) return i === n;
      if (c === 44) {
        i++;
        if (inObject && (i = memberValueStart(i)) < 0) return false;
        break;
      }
      if (c !== (inObject ? 125 : 93)) return false;
      i++;
      depth--;
      inObject = outer.pop();
    }
  }
  // The index after the string that opens at j (a '"'), or -1.
  function stringEnd(j) {
    j++;
    for (;;) {
      plain.lastIndex = j;
      plain.test(s);
      j = plain.lastIndex;
      var d = s.charCodeAt(j++);
      if (d === 34) return j;
      if (d !== 92) return -1; // a control character, or the end of the text
      d = s.charCodeAt(j++);
      if (d === 117) {
        hex.lastIndex = j;
        if (!hex.test(s)) return -1;
        j += 4;
      } else if (d !== 34 && d !== 92 && d !== 47 && d !== 98 && d !== 102 && d !== 110 && d !== 114 && d !== 116) {
        return -1;
      }
    }
  }
  // From after '{' or ',' in an object: a key, then ':'; the index after the ':', or -1.
  function memberValueStart(j) {
    var d;
    while ((d = s.charCodeAt(j)) === 32 || d === 10 || d === 13 || d === 9) j++;
    if (d !== 34 || (j = stringEnd(j)) < 0) return -1;
    while ((d = s.charCodeAt(j)) === 32 || d === 10 || d === 13 || d === 9) j++;
    return d === 58 ? j + 1 : -1;
  }
}
`;
