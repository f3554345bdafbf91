/** The error shape Nest's built-in exception filter sends; thrown by validation and mapped by main.ts. */
export class HttpException extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }

  toResponse(): { statusCode: number; message: string; error: string } {
    const error = this.statusCode === 404 ? 'Not Found' : this.statusCode === 400 ? 'Bad Request' : 'Error';
    return { statusCode: this.statusCode, message: this.message, error };
  }
}

export class BadRequestException extends HttpException {
  constructor(message: string) {
    super(400, message);
  }
}
