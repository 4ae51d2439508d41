import type { ContentManifest } from '../../../contract/content.ts';
import type { Role } from '../../../contract/staff.ts';
import { AccountsScreen } from './screens/AccountsScreen.tsx';
import { AlertsScreen } from './screens/AlertsScreen.tsx';
import { BindScreen } from './screens/BindScreen.tsx';
import { BoardsScreen } from './screens/BoardsScreen.tsx';
import { CalibrationScreen } from './screens/CalibrationScreen.tsx';
import { ContentScreen } from './screens/ContentScreen.tsx';
import { HealthScreen } from './screens/HealthScreen.tsx';
import { OrdersScreen } from './screens/OrdersScreen.tsx';
import { RestockScreen } from './screens/RestockScreen.tsx';
import { SettingsScreen } from './screens/SettingsScreen.tsx';
import { StockScreen } from './screens/StockScreen.tsx';
import { CounterScreen } from './screens/CounterScreen.tsx';
import { RefundScreen } from './screens/RefundScreen.tsx';
import { ReportsScreen } from './screens/ReportsScreen.tsx';

export type ScreenId = 'stock' | 'restock' | 'bind' | 'health' | 'calibrate' | 'alerts' | 'boards' | 'accounts' | 'counter' | 'orders' | 'refunds' | 'reports' | 'settings' | 'content';

/** The task screens in menu order, each with the role the service requires for it. */
export const SCREENS: ReadonlyArray<{ id: ScreenId; role: Role }> = [
  { id: 'stock', role: 'staff' },
  { id: 'restock', role: 'staff' },
  { id: 'bind', role: 'staff' },
  { id: 'health', role: 'staff' },
  { id: 'calibrate', role: 'staff' },
  { id: 'alerts', role: 'staff' },
  { id: 'counter', role: 'staff' },
  { id: 'orders', role: 'staff' },
  // Staff open it too: the service refuses the refund itself to a staff session and the screen asks for a supervisor PIN.
  { id: 'refunds', role: 'staff' },
  { id: 'reports', role: 'staff' },
  { id: 'boards', role: 'supervisor' },
  { id: 'accounts', role: 'supervisor' },
  { id: 'settings', role: 'admin' },
  { id: 'content', role: 'admin' },
];

export function StaffScreens({ screen, content }: { screen: ScreenId; content: ContentManifest | null }) {
  switch (screen) {
    case 'stock':
      return <StockScreen content={content} />;
    case 'restock':
      return <RestockScreen content={content} />;
    case 'bind':
      return <BindScreen content={content} />;
    case 'health':
      return <HealthScreen />;
    case 'calibrate':
      return <CalibrationScreen content={content} />;
    case 'alerts':
      return <AlertsScreen />;
    case 'boards':
      return <BoardsScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'orders':
      return <OrdersScreen content={content} />;
    case 'counter':
      return <CounterScreen content={content} />;
    case 'refunds':
      return <RefundScreen content={content} />;
    case 'reports':
      return <ReportsScreen content={content} />;
    case 'settings':
      return <SettingsScreen />;
    case 'content':
      return <ContentScreen content={content} />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}
