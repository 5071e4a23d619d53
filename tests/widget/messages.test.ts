import { parseKernelRequest } from '../../src/widget/messages';

describe('custom messages from the kernel', () => {
  test('screenshot requests: size null means the view size, scale defaults to 1', () => {
    expect(parseKernelRequest({ type: 'screenshot', id: 'png-1', width: 320, height: null, scale: 2 })).toEqual({ type: 'screenshot', id: 'png-1', width: 320, height: null, scale: 2 });
    expect(parseKernelRequest({ type: 'screenshot', id: 'png-2' })).toEqual({ type: 'screenshot', id: 'png-2', width: null, height: null, scale: 1 });
  });

  test('malformed requests are answered with what is wrong (when they carry an id)', () => {
    expect(parseKernelRequest({ type: 'screenshot', id: 'x', width: 0 })).toEqual({ type: 'bad', id: 'x', error: 'width must be null or an integer in [1, 16384], got 0' });
    expect(parseKernelRequest({ type: 'screenshot', id: 'x', scale: 9 })).toMatchObject({ type: 'bad', error: expect.stringMatching(/scale must be a number in \(0, 8\]/) });
    expect(parseKernelRequest({ type: 'screenshot', width: 10 })).toMatchObject({ type: 'bad', id: null });
  });

  test('camera reset, and messages for someone else are ignored', () => {
    expect(parseKernelRequest({ type: 'reset_camera' })).toEqual({ type: 'reset_camera' });
    expect(parseKernelRequest({ type: 'something-else' })).toBeNull();
    expect(parseKernelRequest('screenshot')).toBeNull();
    expect(parseKernelRequest(null)).toBeNull();
  });
});
