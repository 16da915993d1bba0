import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../cel/compile-expression';
import { booleanParts, comparedOperands } from './clause-structure';
import { clauseTree, fieldReferences, topLevelClauses } from './condition-clauses';

describe('condition clauses', () => {
  test('a parenthesized disjunction whose left side is parenthesized too is one whole clause (the parser range starts inside it)', () => {
    const condition = '((object.a == 1 || object.a == 2) || !(object.a == 3)) && object.b';
    assert.deepEqual(topLevelClauses(condition).map((c) => c.text), ['(object.a == 1 || object.a == 2) || !(object.a == 3)', 'object.b']);
  });

  test('every span of a clause, a piece and an operand compiles on its own', () => {
    const conditions = [
      '(a_b(object) || (object.x == ")(")) && object.y',
      'object.l.all(x, (x > 1)) && ((object.a) == (1))',
      '(resource.type == "a" ? (object.b == 1) : (object.c == 2)) && !(object.d)',
      'x_y || (object.z)',
    ].map((c) => c.replace('a_b(object)', 'has(object.q)').replace('x_y', 'object.w'));
    for (const condition of conditions) {
      const spans = [...topLevelClauses(condition), ...booleanParts(condition), ...comparedOperands(condition), ...fieldReferences(condition)];
      for (const s of spans) {
        assert.equal(condition.slice(s.start, s.end), s.text);
        assert.doesNotThrow(() => compileExpression(s.text), `${s.text} (of ${condition})`);
      }
    }
  });

  test('choices keep their branches as conjunctions; cel.bind keeps its body', () => {
    const [choice, bind] = clauseTree('(resource.type == "x" ? object.a && object.b : true) && cel.bind(v, object.c, v == 1 && object.d)');
    assert.equal(choice?.kind, 'choice');
    assert.deepEqual(choice?.kind === 'choice' ? choice.then.map((n) => n.span.text) : [], ['object.a', 'object.b']);
    assert.equal(bind?.kind, 'bind');
    assert.deepEqual(bind?.kind === 'bind' ? [bind.variable, bind.init.text, bind.body.map((n) => n.span.text)] : [], ['v', 'object.c', ['v == 1', 'object.d']]);
  });
});
