/**
 * The one spelling of the manual-review marker that `migrate` leaves in code it cannot prove safe,
 * and that `check` reports until a person resolves it and deletes the comment.
 */
export const REVIEW_MARKER = 'agora-token-migrate: manual review';

/** `// TODO agora-token-migrate: manual review — <reason>` (without the `//`). */
export function formatMarker(reason: string): string {
  return ` TODO ${REVIEW_MARKER} — ${reason}`;
}

/** True when a comment's text is a review marker. */
export function isMarker(commentText: string): boolean {
  return commentText.includes(REVIEW_MARKER);
}
