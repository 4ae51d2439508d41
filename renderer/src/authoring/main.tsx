import '../zod-jitless.ts';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { AuthoringApp } from './shell/AuthoringApp.tsx';
import './authoring.css';

// Administrators are in Shenzhen: the schema's built-in messages in Simplified Chinese
// (the contract's own messages, e.g. "barcode: a GTIN with a valid check digit", stay as written).
z.config(z.locales.zhCN());

const rootEl = document.getElementById('root');
if (rootEl === null) throw new Error('authoring.html has no #root');
createRoot(rootEl).render(<AuthoringApp />);
