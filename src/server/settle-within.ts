// Waiting for work, but not for ever: shutdown, audits and replies that would rather go on
// without the rest than hang on a failing dependency.

/** Resolves when `work` settles (true) or after `ms` (false), whichever comes first. Never rejects. */
export function settleWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void work.then(
      () => settled(),
      () => settled(),
    );
    function settled(): void {
      clearTimeout(timer);
      resolve(true);
    }
  });
}
