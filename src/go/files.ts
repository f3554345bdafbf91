/** Whether a path is a Go source file (`migrate` sends it to the Go room, not to the JavaScript recipe). */
export function isGoFile(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.go');
}
