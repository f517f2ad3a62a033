// Every test file (vitest `setupFiles`) starts with the content bundle and the catalogues
// installed, as the Worker has them after its first asset read (src/runtime-data.ts).
import { installRuntimeDataFromFiles } from '../../scripts/runtime-data';

installRuntimeDataFromFiles();
