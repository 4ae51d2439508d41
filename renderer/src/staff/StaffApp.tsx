import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContentManifest } from '../../../contract/content.ts';
import { ROLE_RANK, type Role, type StaffState } from '../../../contract/staff.ts';
import { FirstSetup } from './FirstSetup.tsx';
import { SignIn } from './SignIn.tsx';
import { staffApi } from './staff-api.ts';
import { usePolled } from './screens/shared.tsx';
import { StaffScreens, SCREENS, type ScreenId } from './StaffScreens.tsx';
import '../styles/staff.css';

/** Staff input pushes the server's idle sign-out back at most this often. */
const TOUCH_EVERY_MS = 5000;
const POLL_MS = 1500;
/** An entry left on the PIN pad closes by itself, so the shopper screen never stays covered. */
const UNSIGNED_CLOSE_MS = 60_000;

/** Who is signed in (polled: an idle sign-out on the server closes the staff surface). */
function useStaffState(): [StaffState | null, () => void] {
  const { data, reload } = usePolled(staffApi.state, POLL_MS);
  return [data, reload];
}

/** The staff surface: PIN sign-in or first set-up, then the task screens. Closing signs out. */
export function StaffApp({ content, onClose }: { content: ContentManifest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [state, refresh] = useStaffState();
  const [view, setView] = useState<'signin' | 'setup'>('signin');
  const [screen, setScreen] = useState<ScreenId>('stock');
  const wasSignedIn = useRef(false);
  const lastTouch = useRef(0);
  const [inputTick, setInputTick] = useState(0);
  const role: Role = state?.role ?? 'screen';
  const signedIn = role !== 'screen';

  useEffect(() => {
    if (signedIn) {
      wasSignedIn.current = true;
      void staffApi.mode(true);
    } else if (wasSignedIn.current) onClose(); // signed out on the server (idle): back to the shopper screen
  }, [signedIn, onClose]);

  useEffect(() => {
    if (signedIn) return;
    const timer = setTimeout(onClose, UNSIGNED_CLOSE_MS);
    return () => clearTimeout(timer);
  }, [signedIn, onClose, inputTick]);

  const close = async (): Promise<void> => {
    await staffApi.signOut('attract');
    onClose();
  };
  const onInput = (): void => {
    if (!signedIn) setInputTick((n) => n + 1);
    if (!signedIn || Date.now() - lastTouch.current < TOUCH_EVERY_MS) return;
    lastTouch.current = Date.now();
    void staffApi.touch();
  };

  return (
    <div className="staff" data-testid="staff" data-role={role} onPointerDown={onInput} onKeyDown={onInput}>
      <header className="staff__bar">
        <h1>{t('staff.title')}</h1>
        {state?.account ? <span className="staff__who" data-testid="staff-who">{t('staff.signedInAs', { name: state.account.name, role: t(`staff.roles.${role}`) })}</span> : null}
        <button type="button" className="staff-btn" onClick={() => void close()} data-testid="staff-close">
          {signedIn ? t('staff.signOut') : t('staff.close')}
        </button>
      </header>
      {signedIn ? (
        <>
          <nav className="staff__nav">
            {SCREENS.filter((s) => ROLE_RANK[role] >= ROLE_RANK[s.role]).map((s) => (
              <button key={s.id} type="button" className={`staff-btn ${s.id === screen ? 'is-selected' : ''}`} onClick={() => setScreen(s.id)} data-testid={`nav-${s.id}`}>
                {t(`staff.nav.${s.id}`)}
              </button>
            ))}
          </nav>
          <main className="staff__main">
            <StaffScreens screen={screen} content={content} />
          </main>
        </>
      ) : state === null ? null : view === 'setup' && state.setupCode !== null ? (
        <main className="staff__main">
          <FirstSetup setupCode={state.setupCode} onDone={refresh} />
        </main>
      ) : (
        <main className="staff__main">
          <SignIn state={state} onSignedIn={refresh} onFirstSetup={() => setView('setup')} />
        </main>
      )}
    </div>
  );
}
