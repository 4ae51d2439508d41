import { useTranslation } from 'react-i18next';

/** Marks text the team wrote for the demo, so no one mistakes it for reporting. */
export function DemoTag() {
  const { t } = useTranslation();
  return (
    <span className="demo-tag" data-testid="demo-tag" title={t('product.demoNote')}>
      {t('product.demo')}
    </span>
  );
}
