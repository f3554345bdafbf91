import { BadRequestException, HttpException } from './http-exception';
import { parseRecorderTokenRequest, parseRtcTokenRequest, parseRtmUserId } from './token.dto';
import { TokenService } from './token.service';

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequestException('malformed percent-encoding in the path');
  }
}

export interface ControllerResponse {
  status: number;
  body: unknown;
}

/**
 * The routes of the token module:
 *   POST /tokens/rtc       { channelName, uid | account, role }
 *   POST /tokens/recorder  { channelName, uid }
 *   GET  /tokens/rtm/:userId
 */
export class TokenController {
  constructor(private readonly tokenService: TokenService) {}

  handle(method: string, path: string, body: unknown): ControllerResponse {
    if (method === 'POST' && path === '/tokens/rtc') {
      return { status: 201, body: this.createRtcToken(body) };
    }
    if (method === 'POST' && path === '/tokens/recorder') {
      return { status: 201, body: this.createRecorderToken(body) };
    }
    const rtm = /^\/tokens\/rtm\/([^/]+)$/.exec(path);
    if (method === 'GET' && rtm) {
      return { status: 200, body: this.getRtmToken(decodePathSegment(rtm[1])) };
    }
    throw new HttpException(404, `Cannot ${method} ${path}`);
  }

  createRtcToken(body: unknown) {
    const request = parseRtcTokenRequest(body);
    if (request.account !== undefined) {
      return this.tokenService.rtcTokenForAccount(request.channelName, request.account, request.role);
    }
    return this.tokenService.rtcTokenForUid(request.channelName, request.uid ?? 0, request.role);
  }

  createRecorderToken(body: unknown) {
    const request = parseRecorderTokenRequest(body);
    return { token: this.tokenService.recorderToken(request.channelName, request.uid) };
  }

  getRtmToken(userId: string) {
    return { token: this.tokenService.rtmToken(parseRtmUserId(userId)) };
  }
}
