/**
 * A Vulkan driver (ICD) that misbehaves the way broken drivers and injected overlay layers do on users' machines: it
 * crashes the process, or hangs, as soon as the Vulkan loader negotiates with it (which ggml's Vulkan backend triggers
 * when it registers). Built from C with the system compiler; selected for one process by VK_ICD_FILENAMES /
 * VK_DRIVER_FILES, so no system setting changes.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type DriverFault = 'crash' | 'hang';

const SOURCE: Record<DriverFault, string> = {
  crash: 'volatile int *nowhere = 0; *nowhere = 1; return -3;',
  hang: 'for (;;) sleep(1); return -3;',
};

/** Compiles the driver into `dir` and returns the environment that makes the Vulkan loader use it alone. */
export async function fakeVulkanDriver(dir: string, fault: DriverFault): Promise<Record<string, string>> {
  const c = join(dir, `icd-${fault}.c`);
  const so = join(dir, `libicd-${fault}.so`);
  const manifest = join(dir, `icd-${fault}.json`);
  await writeFile(
    c,
    `#include <stdint.h>
#include <unistd.h>
__attribute__((visibility("default"))) int vk_icdNegotiateLoaderICDInterfaceVersion(uint32_t *version) { (void) version; ${SOURCE[fault]} }
__attribute__((visibility("default"))) void *vk_icdGetInstanceProcAddr(void *instance, const char *name) { (void) instance; (void) name; return 0; }
`,
  );
  await promisify(execFile)('cc', ['-shared', '-fPIC', '-O0', '-o', so, c]);
  await writeFile(manifest, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: so, api_version: '1.3.0' } }));
  return { VK_ICD_FILENAMES: manifest, VK_DRIVER_FILES: manifest };
}
