import type { AdminMe } from '../../../../contract/authoring.ts';

/**
 * The top bar's Publish…: offered only to an account with the publisher role. Without it the
 * button is disabled and says why (its tooltip, and a line a screen reader reads with it), rather
 * than failing with a 403 after the editor tried. Until the roles are known it stays enabled:
 * the platform still refuses anyone without the role.
 */
export function PublishButton({ me, ready, onOpen }: { me: AdminMe | null; ready: boolean; onOpen: () => void }) {
  const locked = me !== null && !me.roles.includes('publisher');
  const why = '发布需要“发布者 publisher”角色，请联系平台管理员。· Publishing needs the publisher role: ask a fleet admin.';
  return (
    <span className="publish-slot" title={locked ? why : undefined} data-testid="publish-slot">
      <button type="button" className="btn primary" data-testid="open-publish" disabled={!ready || locked} aria-describedby={locked ? 'publish-locked' : undefined} onClick={onOpen}>
        发布 Publish…
      </button>
      {locked && (
        <small id="publish-locked" className="publish-locked" data-testid="publish-locked">
          需发布者角色 · needs publisher
        </small>
      )}
      {me !== null && (
        <span className="who" data-testid="signed-in-as" title={me.roles.join(', ')}>
          {me.displayName}
        </span>
      )}
    </span>
  );
}
