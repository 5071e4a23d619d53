/**
 * The fast engine's edge-grid kernels in WASM (source: edge-kernels.as, AssemblyScript, with SIMD):
 * splat, binomial blur, norms, gradient step, smoothing and resample, and the node phase's Epanechnikov
 * blur. Each gives the same bytes as its JS version in fast-grid.ts / fast-edge-gap.ts, so results
 * do not depend on the runtime. A `WasmGrid` keeps its densities in the module's memory, so the
 * kernels run on it in place; points are copied in per call (12 bytes per point, cheap next to the work).
 *
 * Rebuild after editing edge-kernels.as (asc only reads .ts files), then paste the base64 below:
 *   cp src/compute/bundle/edge-kernels.as /tmp/edge-kernels.ts && npx asc /tmp/edge-kernels.ts \
 *     --enable simd -O3 --runtime stub --noAssert --initialMemory 16 -o /tmp/edge-kernels.wasm && base64 -w0 /tmp/edge-kernels.wasm
 */
import type { FastGrid } from './fast-grid';
import { voxelStride } from './voxel-layout';

const WASM_BASE64 =
  'AGFzbQEAAAABlQELYAV/f39/fwBgDH9/f3x8fHx8fHx8fAF/YAZ/f39/f38AYBJ/f39/f39/f39/f3x8fHx8fHwAYAd/f3x/fXx8AGAFf39/f3wAYBZ/f39/f39/f39/f39/fHx8fHx8fH9/AGAUf39/f398fH98f39/f39/f3x8fH8Bf2AHf39/f3x/fwBgCH9/f39/f39/AGADf39/AAMNDAEAAgMABAUGBwgJCgUDAQAQB0wIBGJsdXIACgNhZGQACwVub3JtcwAGBXNwbGF0AAMIZ3JhZGllbnQABwZmaW5pc2gACA5lcGFuZWNobmlrb3YyZAAJBm1lbW9yeQIACvI1DM8BAQN8IAAqAgC7IQwgACoCBLshDSAAKgIIuyEOIAJBAUoEQCAMIAOhIgMgA6IgDSAEoSIDIAOioCAOIAWhIgMgA6KgnyIDIAogCaJjBEAgAUEMayEBIAJBAWshAgUgAyALIAmiYwRAIAEgBiAMoEQAAAAAAADgP6K2OAIAIAEgByANoEQAAAAAAADgP6K2OAIEIAEgCCAOoEQAAAAAAADgP6K2OAIICwsLIAFBDGogACoCADgCACABIAAqAgQ4AhAgASAAKgIIOAIUIAJBAWoLwQIDBn8BewF9IAJBfHEhCCADQQJ0IQUgBEEAIAJBAnT8CwADQCABIAZKBEAgBkEBaiABRiEHQQAhAwNAIAMgCEgEQCADQQJ0IgkgAGoiCv0ABAAhCyAK/QwAAAA/AAAAPwAAAD8AAAA/IAv95gH9DAAAgD4AAIA+AACAPgAAgD4gBCAJaiIK/QAEACAHBHv9DAAAAAAAAAAAAAAAAAAAAAAFIAAgBWogCWr9AAQAC/3kAf3mAf3kAf0LBAAgCiAL/QsEACADQQRqIQMMAQsLA0AgAiADSgRAIANBAnQiCSAAaiIKKgIAIQwgCiAMQwAAAD+UIAQgCWoiCioCACAHBH1DAAAAAAUgACAFaiAJaioCAAuSQwAAgD6UkjgCACAKIAw4AgAgA0EBaiEDDAELCyAGQQFqIQYgACAFaiEADAELCwu/AwIKfwR7IAUgACACQQJ0IgkgAWz8CgAAA0AgASAISgRAIAMgAUEBayAIayICIAIgA0obIQ8gACAIIAlsaiELIAVBACADayICQQAgCGsiBiACIAZKGyIMIAhqIAlsaiEHIAQgAyAMakECdGohAgJAIAlBMEYEQP0MAAAAAAAAAAAAAAAAAAAAACEQ/QwAAAAAAAAAAAAAAAAAAAAAIRH9DAAAAAAAAAAAAAAAAAAAAAAhEkEAIQYDQCAGIA8gDGtMBEAgECAC/QkCACITIAf9AAQA/eYB/eQBIRAgESATIAf9AAQQ/eYB/eQBIREgEiATIAf9AAQg/eYB/eQBIRIgBkEBaiEGIAdBMGohByACQQRqIQIMAQsLIAsgEP0LBAAgCyAR/QsEECALIBL9CwQgDAELQQAhCgNAIAkgCksEQP0MAAAAAAAAAAAAAAAAAAAAACEQQQAhDSAHIApqIQ4gAiEGA0AgDSAPIAxrTARAIBAgBv0JAgAgDv0ABAD95gH95AEhECANQQFqIQ0gCSAOaiEOIAZBBGohBgwBCwsgCiALaiAQ/QsEACAKQRBqIQoMAQsLCyAIQQFqIQgMAQsLC7AFAwl7C38FfCAKQQxGISEDQCACIB5KBEAgASAeQQFqQQJ0aigCACAeQQJ0IhsgAWooAgAiImshHCADIAQgG2ooAgBBAnRqIR8gAyAFIBtqKAIAQQJ0aiEgICEEQCAg/QAEECAf/QAEECIW/eUBIRggIP0ABCAgH/0ABCAiF/3lASEZICD9AAQAIB/9AAQAIhX95QEhEgtBACEbA0AgGyAcSARAIAAgGyAiakEMbGoiHSoCALshKCAdKgIEuyEpIB0qAgi7ISpEAAAAAAAA4D9EAAAAAAAA8D8gG0UiHSAbIBxBAWtGchsgEaIhJiAdBHxEAAAAAAAAAAAFIBsgHEEBa0YEfCAcQQJrtyAct6MFIBu3RAAAAAAAAOC/oCAct6MLCyEnAkAgDyAqZSAQICpkcUUNACApIAyhIA6iRAAAAAAAAOA/oJwiKUQAAAAAAAAAAGYgKCALoSAOokQAAAAAAADgP6CcIihEAAAAAAAAAABmcSAqIA2hIA6iRAAAAAAAAOA/oJwiKkQAAAAAAAAAAGZxICggB7djcSApIAi3Y3EgKiAJt2NxRQ0AIAYgKPwCICn8AiAq/AIgCGxqIAdsaiAKbEECdGohJSAntv0TIRMgJrb9EyEUIApBAnQiI0EwRgRAICUgJf0ABAAgFCAVIBMgEv3mAf3kAf3mAf3kAf0LBAAgJSAl/QAEECAUIBYgEyAY/eYB/eQB/eYB/eQB/QsEECAlICX9AAQgIBQgFyATIBn95gH95AH95gH95AH9CwQgDAELQQAhHQNAIB0gI0kEQCAdICVqIiQgJP0ABAAgFCAdIB9q/QAEACIaIBMgHSAgav0ABAAgGv3lAf3mAf3kAf3mAf3kAf0LBAAgHUEQaiEdDAELCwsgG0EBaiEbDAELCyAeQQFqIR4MAQsLC8EEAwR8A3sGfyABQQNIIANBAExyBEAPCyACQQFGBEAgACICIAFBAWtBDGxqIQQDQCADIA1KBEAgAv0ABAAhCyACQQxqIgD9AAQAIQkDQCAAIARJBEAgACALIAn95AEgAEEMaiIB/QAEACIK/eQB/Qyrqqo+q6qqPquqqj6rqqo+/eYBIgv9WwMAACAAQQhqIAv9WgIAAiAJIQsgCiEJIAEhAAwBCwsgDUEBaiENDAELCw8LIAFBAWshEANAIAMgD0oEQEEAIQ0DQCANIAFBA2xIBEAgBCANQQN0aiAAIA1BAnRqKgIAuzkDACANQQFqIQ0MAQsLRAAAAAAAAAAAIQhEAAAAAAAAAAAhBUQAAAAAAAAAACEHIBAgAkEBaiIMIAwgEEobIQ1BACEOA0AgDSAOTgRAIAggBCAOQRhsaiIMKwMAoCEIIAUgDCsDCKAhBSAHIAwrAxCgIQcgDkEBaiEODAELC0EAIQ5BASERA0AgECARSgRAIBFBAUoEQCACIBFqIgwgEEwEQCAIIAQgDCINQRhsaiIMKwMAoCEIIAcgDCsDEKAhByAFIAwrAwigIQULIBEgAmtBAWsiDEEATgRAIAxBAWohDiAIIAQgDEEYbGoiDCsDAKEhCCAHIAwrAxChIQcgBSAMKwMIoSEFCwsgACARQQxsaiIMIAhEAAAAAAAA8D8gDSAOa0EBarejIgaitjgCACAMIAUgBqK2OAIEIAwgByAGorY4AgggEUEBaiERDAELCyAPQQFqIQ8MAQsLC9AOAhx/FHsgACgCACEHIAAoAgQhCCABQQFKBH8gACgCDAUgBwshESABQQFKBH8gACgCEAUgCAshFCABQQJKBH8gACgCGAUgBwshEiABQQJKBH8gACgCHAUgCAshFSABQQNKBH8gACgCJAUgBwshEyABQQNKBH8gACgCKAUgCAshFiAAKAIUIRcgACgCICEYIAAoAiwhGSAAKAIIIhogB0EM/AoAACABQQFKBEAgFyARQQz8CgAACyABQQJKBEAgGCASQQz8CgAACyABQQNKBEAgGSATQQz8CgAACyACtv0TITIgByoCAP0TIBEqAgD9IAEgEioCAP0gAiATKgIA/SADIiMhKiAHKgIE/RMgESoCBP0gASASKgIE/SACIBMqAgT9IAMiJCErIAcqAgj9EyARKgII/SABIBIqAgj9IAIgEyoCCP0gAyIlISwgIyEmICQhJyAlIShBASEOQQEhD0EBIRBBASEKQQEhG0EBIRxBASEdQQEhHiADQQFKIgkgCEEBSiILIAsbIQsgCSAUQQFKIAFBAUoiDCAMGyIMIAwbIQwgCSAVQQFKIAFBAkoiDSANGyINIA0bIQ0gCSAWQQFKIAFBA0oiCSAJGyIJIAkbIQkDQEEBIAlBASANQQEgDCALGxsbBEAgByAbIAhBAWsgCxtBDGxqIh8qAgD9EyARIBwgFEEBayAMG0EMbGoiICoCAP0gASASIB0gFUEBayANG0EMbGoiISoCAP0gAiATIB4gFkEBayAJG0EMbGoiIioCAP0gAyIvICP95QEiKSAp/eYBIB8qAgT9EyAgKgIE/SABICEqAgT9IAIgIioCBP0gAyIwICT95QEiKSAp/eYB/eQBIB8qAgj9EyAgKgII/SABICEqAgj9IAIgIioCCP0gAyIxICX95QEiKSAp/eYB/eQB/eMBISkDQEEBICn9HwMgBGAgAyAKSiAJIAkbIh8gHxsiH0EBICn9HwIgBGAgAyAQSiANIA0bIiAgIBsiIEEBICn9HwEgBGAgAyAPSiAMIAwbIiEgIRsiISAp/R8AIARgIAMgDkogCyALGyIiICIbIiIbGxsEQCAjICr9DP/////////////////////9DAAAAAAAAAAAAAAAAAAAAAAgIhtBf0EAICEb/RwBQX9BACAgG/0cAkF/QQAgHxv9HAMiM/1SISogJCArIDP9UiErICUgLCAz/VIhLCAmIC8gJv3lASAyIC795QEgKSAu/eUBIi395wH9DAAAgD8AAIA/AACAPwAAgD8gLf0MAAAAAAAAAAAAAAAAAAAAAP1E/VL9DAAAAAAAAAAAAAAAAAAAAAD96wH9DAAAgD8AAIA/AACAPwAAgD/96gEiNP3mAf3kASI1ICMgM/1SISMgJyAwICf95QEgNP3mAf3kASItICQgM/1SISQgKCAxICj95QEgNP3mAf3kASI0ICUgM/1SISUgNSAmIDP9UiEmIC0gJyAz/VIhJyA0ICggM/1SISj9DAAAAAAAAAAAAAAAAAAAAAAgLiAz/VIhLiAvIDX95QEiNiA2/eYBIDAgLf3lASI2IDb95gH95AEgMSA0/eUBIjYgNv3mAf3kAf3jASApIDP9UiEpICIEQCAaQQxqIhogNf1aAgAAIBogLf1aAgQAIBogNP1aAggAIA5BAWohDgsgIQRAIBdBDGoiFyA1/VoCAAEgFyAt/VoCBAEgFyA0/VoCCAEgD0EBaiEPCyAgBEAgGEEMaiIYIDX9WgIAAiAYIC39WgIEAiAYIDT9WgIIAiAQQQFqIRALIB8EQCAZQQxqIhkgNf1aAgADIBkgLf1aAgQDIBkgNP1aAggDIApBAWohCgsMAQsLIC8gJv0M//////////////////////0MAAAAAAAAAAAAAAAAAAAAACALG0F/QQAgDBv9HAFBf0EAIA0b/RwCQX9BACAJG/0cAyIt/VIhJiAwICcgLf1SIScgMSAoIC39UiEoICkgLiAt/VIhLiALBEAgG0EBaiIbIAhIIAMgDkpxIQsLIAwEQCAcQQFqIhwgFEggAyAPSnEhDAsgDQRAIB1BAWoiHSAVSCADIBBKcSENCyAJBEAgHkEBaiIeIBZIIAMgCkpxIQkLDAELCyAAIAcgCEEBa0EMbGogGiAOICP9HwC7ICT9HwC7ICX9HwC7ICr9HwC7ICv9HwC7ICz9HwC7IAIgBSAGEAA2AgQgAUEBSgRAIAAgESAUQQFrQQxsaiAXIA8gI/0fAbsgJP0fAbsgJf0fAbsgKv0fAbsgK/0fAbsgLP0fAbsgAiAFIAYQADYCEAsgAUECSgRAIAAgEiAVQQFrQQxsaiAYIBAgI/0fArsgJP0fArsgJf0fArsgKv0fArsgK/0fArsgLP0fArsgAiAFIAYQADYCHAsgAUEDSgRAIAAgEyAWQQFrQQxsaiAZIAogI/0fA7sgJP0fA7sgJf0fA7sgKv0fA7sgK/0fA7sgLP0fA7sgAiAFIAYQADYCKAsLhgIDAXsDfwF8IANBAnQhCCACQX5xQQJ0IQYDQCABIAdKBED9DAAAAAAAAAAAAAAAAAAAAAAhBUEAIQMDQCADIAZJBEAgBSAAIANq/V0DAP1fIgUgBf3yAf3wASEFIANBCGohAwwBCwsgBf0hACEJIAAgAkECdGogAkEBcQR8IAkgACAGaioCALsiCSAJoqAFIAkLIAX9IQGgIglEAAAAAAAAAABkBHwgCZ8hCSAERAAAAAAAAAAAZAR8IAkgBKIiCSAJoiIJIAlEAAAAAAAA8D2inEQAAAAAAADwQaKhnyAEowUgCQsFRAAAAAAAAAAAC7Y4AgAgB0EBaiEHIAAgCGohAAwBCwsLvwwDDXsSfwl8IAxBAnQhKiAMQQxGIScgBv0ABCAhIANAIAIgJUoEQCABICVBAWpBAnRqKAIAICVBAnQiIyABaigCACIoayEmIAMgBCAjaigCAEECdGohMiADIAUgI2ooAgBBAnRqITMgJwRAIDP9AAQQIDL9AAQQIhz95QEhHiAz/QAEICAy/QAEICId/eUBIR8gM/0ABAAgMv0ABAAiG/3lASEWCyAAIChBDGxqISkgFARAIBUgKSAmQQxs/AoAAAtBASEkA0AgJEEBaiAmSARAIAAgJCAoakEMbGoiLioCALshNyAuKgIEuyE4AkAgLioCCLsiOSASZiATIDlkcUUNACA4IA6hIBCiIjqcIjtEAAAAAAAA8D9mIDcgDaEgEKIiPJwiPUQAAAAAAADwP2ZxIDkgD6EgEKIiNZwiNkQAAAAAAADwP2ZxIAi3ID1EAAAAAAAA8D+gZHEgCbcgO0QAAAAAAADwP6BkcSAKtyA2RAAAAAAAAPA/oGRxRQ0AIAcgPfwCIDv8AiA2/AIgCWxqIAhsaiAMbEECdGoiL0F/QQEgPCA9oUQAAAAAAADgP2MbIisgDGxBAnRqITAgL0F/QQEgOiA7oUQAAAAAAADgP2MbIiwgCGwgDGxBAnRqITEgL0F/QQEgNSA2oUQAAAAAAADgP2MbIi0gCGwgCWwgDGxBAnRqITQgC0ECdCIjIC9qKgIAQwAAAABeBH8gIyAwaioCAEMAAAAAXgVBAAsEfyAjIDFqKgIAQwAAAABeBUEACwR/ICMgNGoqAgBDAAAAAF4FQQALRQ0AICS3ICa3o7b9EyEhICcEQCAbICEgFv3mAf3kASIXIC/9AAQA/eYBIBwgISAe/eYB/eQBIiIgL/0ABBD95gH95AEgHSAhIB/95gH95AEgIP3kASIhIC/9AAQg/eYB/eQBIRggFyAw/QAEAP3mASAiIDD9AAQQ/eYB/eQBICEgMP0ABCD95gH95AEhGSAXIDH9AAQA/eYBICIgMf0ABBD95gH95AEgISAx/QAEIP3mAf3kASEaIBcgNP0ABAD95gEgIiA0/QAEEP3mAf3kASAhIDT9AAQg/eYB/eQBIRcFIDL9AAQAIhcgISAz/QAEACAX/eUB/eYB/eQBIAb9AAQA/eQBIhcgL/0ABAD95gEhGCAXIDD9AAQA/eYBIRkgFyAx/QAEAP3mASEaIBcgNP0ABAD95gEhF0EQISMDQCAjICpJBEAgGCAjIDJq/QAEACIYICEgIyAzav0ABAAgGP3lAf3mAf3kASAGICNq/QAEAP3kASIiICMgL2r9AAQA/eYB/eQBIRggGSAiICMgMGr9AAQA/eYB/eQBIRkgGiAiICMgMWr9AAQA/eYB/eQBIRogFyAiICMgNGr9AAQA/eYB/eQBIRcgI0EQaiEjDAELCwsgGCAZ/Q0AAQIDCAkKCxAREhMYGRobIBggGf0NBAUGBwwNDg8UFRYXHB0eH/3kASIYIBogF/0NAAECAwgJCgsQERITGBkaGyAaIBf9DQQFBgcMDQ4PFBUWFxwdHh/95AEiF/0NAAECAwgJCgsQERITGBkaGyAYIBf9DQQFBgcMDQ4PFBUWFxwdHh/95AEiF/0fALshNSAX/R8BuyA1oSArt6IiNiA2oiAX/R8CuyA1oSAst6IiOiA6oqAgF/0fA7sgNaEgLbeiIjUgNaKgnyI7RAAAAAAAAAAAZEUNACAuIDcgNiARIDujIjaioLY4AgAgLiA4IDogNqKgtjgCBCAuIDkgNSA2oqC2OAIICyAkIBRBAWpqISQMAQsLIBQEQEECISMDQCAjQQFqICZIBEAgI0EMbCIkIClqIigqAgC7ITUgKCoCBLshNiAoKgIIuyI3IBJmIBMgN2RxBEAgKEEMayIrKgIEuyAVICRqIiRBDGsiLCoCBLuhICgqAhC7ICQqAhC7oaAhOCArKgIIuyAsKgIIu6EgKCoCFLsgJCoCFLuhoCE5ICggNSArKgIAuyAsKgIAu6EgKCoCDLsgJCoCDLuhoEQAAAAAAADgP6KgtjgCACAoIDYgOEQAAAAAAADgP6KgtjgCBCAoIDcgOUQAAAAAAADgP6KgtjgCCAsgI0ECaiEjDAELCwsgJUEBaiElDAELCwvmAwIIfwN7IAsgAkECdGooAgAhGCAT/QAEACEcIBP9AAQQIR0gAiEVIAcgDkEYbGohGQNAIAMgFUoEQEEEIAMgFWsiAiACQQRKGyICIA0gGCAMayIUayAObSIWIAIgFkgbIhdBAEoEQCAKIBRBDGxqIQJBACEUA0AgFCAXSARAIAEgFCAVaiIWQQJ0aigCACEaIAEgFkEBakECdGooAgAgGmshFiAAIBpBDGxqIRogBEEASgRAIBogFkEBIBa3IAWiIAaiRAAAAAAAAFlAo5z8AiIbIBtBAUwbIAQgBxAECyAZIBRBDGxqIhsgGjYCACAbIBY2AgQgGyACIA4gFGxBDGxqNgIIIBRBAWohFAwBCwsgGSAXIAggCSAPayAQIAiitiARIBIQBSACIRRBACEWA0AgFiAXSARAIBkgFkEMbGooAgQhGiACIA4gFmxBDGxqIhsgFEcEQCAUIBsgGkEMbPwKAAALIBQgGkEMbGohFCALIBUgFmpBAWpBAnRqIBggGmoiGDYCACAWQQFqIRYMAQsLA0AgAiAUSQRAIBwgAkEIaiAC/V0DAP1WAgACIh796gEhHCAdIB796wEhHSACQQxqIQIMAQsLIBUgF2ohFQwCCwsLIBMgHP0LBAAgEyAd/QsEECAVC6IBAQN/IAEgA2whCUQAAAAAAADwPyAEIASioyEEQQAgBWshBwNAIAUgB04EQCAGIAUgB2pBAnRqRAAAAAAAAPA/IAcgB2y3IASiobY4AgAgB0EBaiEHDAELCyAGIAVBAXRBAWpBAnRqIQcDQCACIAhKBEAgACAIIAlsQQJ0aiABIAMgBSAGIAcQAiAIQQFqIQgMAQsLIAAgAiAJIAUgBiAHEAILwQEBBn8gASAEbCILIAJsIQoDQCAFIAxKBEBBACEIA0AgAyAISgRAIAAgCCAKbEECdGohDUEAIQkDQCACIAlKBEAgDSAJIAtsQQJ0aiABIAQgBCAHEAEgCUEBaiEJDAELCyANIAIgCyALIAcQASAIQQFqIQgMAQsLIANBAUoEQEEAIQgDQCAIIApIBEAgACAIQQJ0aiADIAYgCiAIayIJIAYgCUgbIAogBxABIAYgCGohCAwBCwsLIAxBAWohDAwBCwsLPAAgACACQQJ0aiECA0AgACACSQRAIAAgAP0ABAAgAf0ABAD95AH9CwQAIABBEGohACABQRBqIQEMAQsLCw==';

/** Floats per column chunk of the z blur (the chunk and its scratch stay in L1). */
const Z_CHUNK = 2048;
const PAGE_BYTES = 65536;

type Fn = (...args: number[]) => void;

/** Rounds a byte count up to 16. */
function align(bytes: number): number {
  return (bytes + 15) & ~15;
}

/** One instance of the kernels with its own memory (one per GridStore, i.e. per worker). */
export class EdgeKernels {
  readonly memory: WebAssembly.Memory;
  readonly splat: Fn;
  readonly gradient: Fn;
  readonly finish: (...args: number[]) => number;
  private readonly blurFn: Fn;
  private readonly normsFn: Fn;
  private readonly addFn: Fn;
  private readonly epanechnikovFn: Fn;

  private constructor(instance: WebAssembly.Instance) {
    const x = instance.exports;
    this.memory = x.memory as WebAssembly.Memory;
    this.splat = x.splat as Fn;
    this.gradient = x.gradient as Fn;
    this.finish = x.finish as (...args: number[]) => number;
    this.blurFn = x.blur as Fn;
    this.normsFn = x.norms as Fn;
    this.addFn = x.add as Fn;
    this.epanechnikovFn = x.epanechnikov2d as Fn;
  }

  /** A new instance, or null when this runtime has no WebAssembly SIMD. */
  static create(): EdgeKernels | null {
    try {
      if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return null;
      return new EdgeKernels(new WebAssembly.Instance(new WebAssembly.Module(base64Bytes(WASM_BASE64)), {}));
    } catch {
      return null;
    }
  }

  /** Grows the memory to at least `bytes` (detaches earlier views; WasmGrid re-views itself). */
  reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
  }

  /** A zeroed grid in this memory; earlier grids of this instance become invalid. */
  grid(cell: number, ox: number, oy: number, oz: number, nx: number, ny: number, nz: number, channels: number): WasmGrid {
    const stride = voxelStride(channels);
    const dataAt = align(Math.max(nx * stride, Z_CHUNK) * 4);
    const freeAt = dataAt + align(nx * ny * nz * stride * 4);
    this.reserve(freeAt);
    const grid = new WasmGrid(this, cell, ox, oy, oz, nx, ny, nz, channels, stride, dataAt, freeAt);
    grid.data.fill(0);
    return grid;
  }

  /** `passes` binomial passes of the grid, in place. */
  blur(grid: WasmGrid, passes: number): void {
    this.blurFn(grid.dataAt, grid.nx, grid.ny, grid.nz, grid.stride, passes, Z_CHUNK, 0);
  }

  /** fast-grid.ts `epanechnikovBlur2d` of a flat grid, in place (same bytes), with its scratch after the grid. */
  epanechnikov2d(grid: WasmGrid, radius: number): void {
    const block = grid.nx * grid.stride;
    const scratch = align(grid.freeAt);
    const reach = Math.max(Math.ceil(radius) - 1, 0);
    this.reserve(scratch + (2 * reach + 1) * 4 + block * grid.ny * 4);
    this.epanechnikovFn(grid.dataAt, grid.nx, grid.ny, grid.stride, radius, reach, scratch);
  }

  /** Writes ‖D‖ into lane C of every voxel (nn_vis's wrapped norm when `wrapScale` > 0). */
  norms(grid: WasmGrid, wrapScale: number): void {
    this.normsFn(grid.dataAt, grid.nx * grid.ny * grid.nz, grid.channels, grid.stride, wrapScale);
  }

  /** Adds `src` (the grid's length: another worker's partial grid) into the grid, in float32 lanes. */
  add(grid: WasmGrid, src: Float32Array): void {
    if (src.length !== grid.data.length) throw new Error(`grid add: ${src.length} floats into a grid of ${grid.data.length}`);
    // Growing the memory would detach a view of it: copy such a source out first.
    const from = src.buffer === this.memory.buffer ? src.slice() : src;
    this.reserve(grid.freeAt + from.byteLength);
    new Float32Array(this.memory.buffer, grid.freeAt, from.length).set(from);
    this.addFn(grid.dataAt, grid.freeAt, from.length);
  }

  /**
   * Copies `arrays` into this memory from byte `at` on (16-aligned each) and returns their byte
   * offsets; grows the memory first if needed.
   */
  stage(at: number, arrays: readonly (Float32Array | Int32Array | Float64Array)[]): number[] {
    let end = at;
    for (const a of arrays) end = align(end) + a.byteLength;
    this.reserve(end);
    const bytes = new Uint8Array(this.memory.buffer);
    const offsets: number[] = [];
    let o = at;
    for (const a of arrays) {
      o = align(o);
      offsets.push(o);
      bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o);
      o += a.byteLength;
    }
    return offsets;
  }
}

/** A FastGrid whose voxels live in an EdgeKernels memory (the view is re-made after growth). */
export class WasmGrid implements FastGrid {
  private dataView: Float32Array;
  private readonly floats: number;

  constructor(
    readonly kernels: EdgeKernels,
    readonly cell: number, readonly ox: number, readonly oy: number, readonly oz: number,
    readonly nx: number, readonly ny: number, readonly nz: number, readonly channels: number, readonly stride: number,
    /** Byte offsets of the voxels and of the first free byte after them. */
    readonly dataAt: number, readonly freeAt: number,
  ) {
    this.floats = nx * ny * nz * stride;
    this.dataView = this.view(dataAt, this.floats);
  }

  private view(at: number, length: number): Float32Array {
    return new Float32Array(this.kernels.memory.buffer, at, length);
  }

  /**
   * The nx·ny·nz·stride voxel floats: a view on WASM memory, valid until the store's next grid. Its
   * buffer cannot be transferred: `slice()` it to send it to another worker.
   */
  get data(): Float32Array {
    if (this.dataView.buffer !== this.kernels.memory.buffer) this.dataView = this.view(this.dataAt, this.floats);
    return this.dataView;
  }
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
