import { useApp } from '../shell/app-context.ts';
import { formatBytes, libraryAssets, Thumb } from './MediaTile.tsx';
import { UploadButton } from './UploadButton.tsx';

/** Every uploaded image and video, which records use it, and the upload. */
export function MediaLibrary() {
  const { catalogue } = useApp();
  const assets = libraryAssets(catalogue.media, 'any');
  const videos = assets.filter((a) => a.mime.startsWith('video/')).length;
  const usedBy = (sha: string, display: string | undefined): string[] => [
    ...catalogue.products.filter((p) => p.images.some((i) => i === sha || i === display)).map((p) => p.id),
    ...catalogue.campaigns.filter((c) => c.image === sha || c.image === display || c.video === sha).map((c) => c.id),
  ];
  return (
    <section className="page">
      <header className="page-head">
        <h1>媒体库 · Media</h1>
        <span className="muted">
          {assets.length - videos} 张图片 images · {videos} 个视频 videos
        </span>
        <UploadButton kind="any" />
      </header>
      <ul className="media-grid">
        {assets.map((a) => {
          const users = usedBy(a.sha256, a.renditions?.display);
          return (
            <li key={a.sha256} className="media-tile" data-sha={a.sha256}>
              <Thumb sha={a.sha256} media={catalogue.media} />
              <span className="media-name">{a.name ?? a.sha256.slice(0, 12)}</span>
              <span className="muted small">
                {a.width !== undefined && a.height !== undefined ? `${a.width}×${a.height} · ` : ''}
                {formatBytes(a.bytes)} · {a.mime.replace(/^(image|video)\//, '')}
              </span>
              <span className="small">{users.length === 0 ? '未使用 unused' : `用于 ${users.join('、')}`}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
