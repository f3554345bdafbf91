import { hostToken } from './routes/host.js';
import { viewerToken } from './routes/viewer.js';

export { hostToken, viewerToken };
