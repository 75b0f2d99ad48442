/**
 * The `## Open Questions` list with the reference's rules: newlines collapsed, priority default
 * `medium`, dedup by question text (a re-ask replaces the entry in place and resets it to
 * unanswered), FIFO cap of {@link MAX_OPEN_QUESTIONS}, answering is a no-op when the question is
 * absent or already answered.
 */
import {
  collapseNewlines,
  formatOpenQuestion,
  MAX_OPEN_QUESTIONS,
  type OpenQuestion,
  type QuestionPriority,
} from './state-md.sections.js';

/** The question text of an Open Questions line (the reference's parser), or the line itself. */
export function questionText(line: string): string {
  const m = /^-\s+\[[ x]\]\s+(.+?)\s+\(source:\s*.+?,\s*prio:\s*(?:high|medium|low)\)/.exec(line);
  return m?.[1] ?? line;
}

/** Mutable list of open questions (at most {@link MAX_OPEN_QUESTIONS}). */
export class OpenQuestionList {
  #items: OpenQuestion[] = [];

  /** An independent copy (a replay checkpoint). */
  clone(): OpenQuestionList {
    const copy = new OpenQuestionList();
    copy.#items = this.#items.map((i) => ({ ...i }));
    return copy;
  }

  /** Asks (or re-asks) a question. Always changes the list. */
  ask(question: string, source: string, priority: QuestionPriority | undefined): void {
    const q = collapseNewlines(question);
    const s = collapseNewlines(source);
    const entry: OpenQuestion = {
      question: q.length > 0 ? q : '(unspecified question)',
      source: s.length > 0 ? s : 'unknown-source',
      priority: priority ?? 'medium',
      answered: false,
    };
    const at = this.#items.findIndex((i) => i.question === entry.question);
    if (at !== -1) this.#items[at] = entry;
    else this.#items.push(entry);
    while (this.#items.length > MAX_OPEN_QUESTIONS) this.#items.shift();
  }

  /** Marks a question answered; returns false (no change) when absent or already answered. */
  answer(question: string, answer: string): boolean {
    const needle = collapseNewlines(question);
    const entry = this.#items.find((i) => i.question === needle);
    if (entry === undefined || entry.answered) return false;
    entry.answered = true;
    entry.answer = collapseNewlines(answer);
    return true;
  }

  /** The section's lines ('' when empty). */
  lines(): string {
    return this.#items.map(formatOpenQuestion).join('\n');
  }

  /** Number of questions held. */
  get size(): number {
    return this.#items.length;
  }
}
