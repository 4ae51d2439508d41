import type { AdminMe } from '../../../../contract/authoring.ts';

/**
 * The top bar's Publish…: offered only to an account with the publisher role. Without it the
 * button is disabled with a lock and says why (its tooltip, and the description a screen reader reads), rather
 * than failing with a 403 after the editor tried. Until the roles are known it stays enabled:
 * the platform still refuses anyone without the role.
 */
export function PublishButton({ me, ready, onOpen }: { me: AdminMe | null; ready: boolean; onOpen: () => void }) {
  const locked = me !== null && !me.roles.includes('publisher');
  const why = '发布需要“发布者 publisher”角色，请联系平台管理员。· Publishing needs the publisher role: ask a fleet admin.';
  return (
    <span className="publish-slot" title={locked ? why : undefined} data-testid="publish-slot">
      <button type="button" className="btn primary" data-testid="open-publish" disabled={!ready || locked} aria-describedby={locked ? 'publish-locked' : undefined} onClick={onOpen}>
        {locked && <LockIcon />}
        {locked ? '发布 Publish' : '发布 Publish…'}
      </button>
      {locked && (
        <span id="publish-locked" className="visually-hidden" data-testid="publish-locked">
          {why}
        </span>
      )}
    </span>
  );
}

/** A padlock drawn inline (the kiosk fonts carry no emoji). */
function LockIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 0 0-4 0v2Z" />
    </svg>
  );
}
