import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AdminMe, AuthoringCatalogue } from '../../../../contract/authoring.ts';
import { loadCatalogue, loadMe } from '../api/authoring-api.ts';
import { AuditLog } from '../audit/AuditLog.tsx';
import { CampaignEditor } from '../campaigns/CampaignEditor.tsx';
import { failureText } from '../form/use-record-form.ts';
import { LiveStreamEditor } from '../live-streams/LiveStreamEditor.tsx';
import { MediaLibrary } from '../media/MediaLibrary.tsx';
import { ProductEditor } from '../products/ProductEditor.tsx';
import { PublishDialog } from '../publish/PublishDialog.tsx';
import { BatchEditor } from '../records/BatchEditor.tsx';
import { PairingEditor } from '../records/PairingEditor.tsx';
import { ProducerEditor } from '../records/ProducerEditor.tsx';
import { RecordList } from '../records/RecordList.tsx';
import { AppContext, type AppContextValue, type Tone } from './app-context.ts';
import { Overview } from './Overview.tsx';
import { LeaveDialog } from './LeaveDialog.tsx';
import { PublishButton } from './PublishButton.tsx';
import { answerLeave, routeHref, useRouter, type Route } from './route.ts';

type Load = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; catalogue: AuthoringCatalogue };

const NAV: Array<{ label: string; route: Route }> = [
  { label: '商品 Products', route: { screen: 'overview' } },
  { label: '生产者 Producers', route: { screen: 'list', kind: 'producer' } },
  { label: '帮扶关系 Pairings', route: { screen: 'list', kind: 'pairing' } },
  { label: '批次 Batches', route: { screen: 'list', kind: 'batch' } },
  { label: '活动 Campaigns', route: { screen: 'list', kind: 'campaign' } },
  { label: '直播 Live', route: { screen: 'list', kind: 'liveStream' } },
  { label: '媒体 Media', route: { screen: 'media' } },
  { label: '审计 Audit', route: { screen: 'audit' } },
];

function isActive(nav: Route, current: Route): boolean {
  if (nav.screen === 'overview') return current.screen === 'overview' || (current.screen === 'edit' && current.kind === 'product');
  if (nav.screen === 'list') return (current.screen === 'list' || current.screen === 'edit') && current.kind === nav.kind;
  return nav.screen === current.screen;
}

/** Publishes the top bar's height as `--topbar-h`, so sticky panels sit below it however it wraps. */
function useTopbarHeight() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    const ro = new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-h', `${Math.ceil(el.getBoundingClientRect().height)}px`));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return ref;
}

/** The authoring app: the catalogue loaded once (and after every save), a top bar, and the screen the hash names. */
export function AuthoringApp() {
  const { route, pending } = useRouter();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  /** Who is signed in (null until known, or when the platform cannot say). */
  const [me, setMe] = useState<AdminMe | null>(null);
  const [notice, setNotice] = useState<{ text: string; tone: Tone; at: number } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const apply = useCallback((r: Awaited<ReturnType<typeof loadCatalogue>>) => {
    setLoad((prev) => (r.ok ? { kind: 'ready', catalogue: r.value } : prev.kind === 'ready' ? prev : { kind: 'failed', message: failureText(r.error) }));
    if (!r.ok) setNotice({ text: failureText(r.error), tone: 'error', at: Date.now() });
  }, []);
  /** Bumped by a reload that should restart the editors from the platform's copy (a save, a stale reload). */
  const [epoch, setEpoch] = useState(0);
  const reload = useCallback(
    async (opts?: { remount?: boolean }) => {
      apply(await loadCatalogue());
      if (opts?.remount !== false) setEpoch((e) => e + 1);
    },
    [apply],
  );
  useEffect(() => {
    let live = true;
    void loadCatalogue().then((r) => live && apply(r));
    void loadMe().then((r) => live && r.ok && setMe(r.value));
    return () => {
      live = false;
    };
  }, [apply]);
  const topbar = useTopbarHeight();
  const notify = useCallback((text: string, tone: Tone) => setNotice({ text, tone, at: Date.now() }), []);
  const catalogue = load.kind === 'ready' ? load.catalogue : null;
  const value = useMemo<AppContextValue | null>(() => (catalogue === null ? null : { catalogue, reload, notify }), [catalogue, reload, notify]);

  return (
    <div className="app">
      <header className="topbar" ref={topbar}>
        <a className="brand" href="#/">
          内容编辑 <small>Authoring</small>
        </a>
        <nav>
          {NAV.map((n) => (
            <a key={n.label} href={routeHref(n.route)} aria-current={isActive(n.route, route) ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <span className="meta">
          {me !== null && (
            <span className="who" data-testid="signed-in-as" title={`${me.username} · ${me.roles.join(', ')}`}>
              {me.displayName}
            </span>
          )}
          <span data-testid="revision">{catalogue !== null && `修订 rev ${catalogue.revision} · 已发布 ${catalogue.published === null ? '—' : `v${catalogue.published.version}`}`}</span>
        </span>
        <PublishButton me={me} ready={catalogue !== null} onOpen={() => setPublishing(true)} />
        <a className="btn ghost" href="/">
          平台 Platform
        </a>
      </header>
      {notice !== null && (
        <div key={notice.at} className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
          <button type="button" className="icon" aria-label="关闭 dismiss" onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
      <main className="main">
        {load.kind === 'loading' && <p className="muted">载入目录… Loading the catalogue</p>}
        {load.kind === 'failed' && (
          <div className="banner error" role="alert">
            无法载入目录 · Could not load the catalogue: {load.message}
          </div>
        )}
        {value !== null && (
          <AppContext.Provider value={value}>
            <Screen route={route} epoch={epoch} />
            {publishing && <PublishDialog onClose={() => setPublishing(false)} />}
            {pending !== null && <LeaveDialog onAnswer={answerLeave} />}
          </AppContext.Provider>
        )}
      </main>
    </div>
  );
}

/**
 * Editors re-mount after a save or a reload, so they start from what the platform holds; an
 * upload or a publish reloads the catalogue without that (an edit in progress keeps its draft).
 */
function Screen({ route, epoch }: { route: Route; epoch: number }) {
  switch (route.screen) {
    case 'overview':
      return <Overview />;
    case 'list':
      return <RecordList kind={route.kind} />;
    case 'media':
      return <MediaLibrary />;
    case 'audit':
      return <AuditLog />;
    case 'edit': {
      const key = `${route.kind}:${route.id ?? 'new'}:${epoch}`;
      switch (route.kind) {
        case 'product':
          return <ProductEditor key={key} id={route.id} />;
        case 'producer':
          return <ProducerEditor key={key} id={route.id} />;
        case 'pairing':
          return <PairingEditor key={key} id={route.id} />;
        case 'batch':
          return <BatchEditor key={key} id={route.id} />;
        case 'campaign':
          return <CampaignEditor key={key} id={route.id} />;
        case 'liveStream':
          return <LiveStreamEditor key={key} id={route.id} />;
        default: {
          const never: never = route;
          return never;
        }
      }
    }
    default: {
      const never: never = route;
      return never;
    }
  }
}
