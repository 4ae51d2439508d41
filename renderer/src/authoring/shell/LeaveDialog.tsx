import { useEffect, useRef } from 'react';

/** Asked when an in-app link would leave an editor with unsaved edits (route.ts holds the link meanwhile). */
export function LeaveDialog({ onAnswer }: { onAnswer: (leave: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    stay.current?.focus();
    return () => d?.close();
  }, []);
  return (
    // Escape closes the dialog: that is "stay", the answer that loses nothing.
    <dialog ref={ref} className="dialog" data-testid="leave-dialog" aria-labelledby="leave-title" onClose={() => onAnswer(false)}>
      <h2 id="leave-title">离开此页？· Leave this editor?</h2>
      <p>你有未保存的修改，离开后将丢失。· You have unsaved edits; leaving drops them.</p>
      <footer className="dialog-foot">
        <button type="button" className="btn danger" data-testid="leave-discard" onClick={() => onAnswer(true)}>
          放弃修改并离开 Leave
        </button>
        <button ref={stay} type="button" className="btn primary" data-testid="leave-stay" onClick={() => onAnswer(false)}>
          留下继续编辑 Stay
        </button>
      </footer>
    </dialog>
  );
}
