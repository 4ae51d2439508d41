import { z } from 'zod';

// zod probes `new Function` when an object schema is *defined*, and the page's CSP forbids
// eval (the probe is caught but still reported as a CSP violation). This module must be the
// first import of main.tsx so it runs before contract/ defines any schema.
z.config({ jitless: true });
