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
  'AGFzbQEAAAABpwEMYAV/f39/fwBgDH9/f3x8fHx8fHx8fAF/YAZ/f39/f38AYBJ/f39/f39/f39/f3x8fHx8fH8AYAt/f39/f398f3x8fAF+YAl/f3x/f398fHwBf2AFf39/f3wAYBZ/f39/f39/f39/f39/fHx8fHx8fH9/AGAUf39/f398fH98f39/f39/f3x8fH8Bf2AHf39/f3x/fwBgCH9/f39/f39/AGADf39/AAMODQEAAAIDBAUGBwgJCgsFAwEAEAdMCARibHVyAAsDYWRkAAwFbm9ybXMABwVzcGxhdAAECGdyYWRpZW50AAgGZmluaXNoAAkOZXBhbmVjaG5pa292MmQACgZtZW1vcnkCAAqBOA3PAQEDfCAAKgIAuyEMIAAqAgS7IQ0gACoCCLshDiACQQFKBEAgDCADoSIDIAOiIA0gBKEiAyADoqAgDiAFoSIDIAOioJ8iAyAKIAmiYwRAIAFBDGshASACQQFrIQIFIAMgCyAJomMEQCABIAYgDKBEAAAAAAAA4D+itjgCACABIAcgDaBEAAAAAAAA4D+itjgCBCABIAggDqBEAAAAAAAA4D+itjgCCAsLCyABQQxqIAAqAgA4AgAgASAAKgIEOAIQIAEgACoCCDgCFCACQQFqC8ECAwZ/AXsBfSACQXxxIQggA0ECdCEFIARBACACQQJ0/AsAA0AgASAGSgRAIAZBAWogAUYhB0EAIQMDQCADIAhIBEAgA0ECdCIJIABqIgr9AAQAIQsgCv0MAAAAPwAAAD8AAAA/AAAAPyAL/eYB/QwAAIA+AACAPgAAgD4AAIA+IAQgCWoiCv0ABAAgBwR7/QwAAAAAAAAAAAAAAAAAAAAABSAAIAVqIAlq/QAEAAv95AH95gH95AH9CwQAIAogC/0LBAAgA0EEaiEDDAELCwNAIAIgA0oEQCADQQJ0IgkgAGoiCioCACEMIAogDEMAAAA/lCAEIAlqIgoqAgAgBwR9QwAAAAAFIAAgBWogCWoqAgALkkMAAIA+lJI4AgAgCiAMOAIAIANBAWohAwwBCwsgBkEBaiEGIAAgBWohAAwBCwsLwQQDBHwDewZ/IAFBA0ggA0EATHIEQA8LIAJBAUYEQCAAIgIgAUEBa0EMbGohBANAIAMgDUoEQCAC/QAEACELIAJBDGoiAP0ABAAhCQNAIAAgBEkEQCAAIAsgCf3kASAAQQxqIgH9AAQAIgr95AH9DKuqqj6rqqo+q6qqPquqqj795gEiC/1bAwAAIABBCGogC/1aAgACIAkhCyAKIQkgASEADAELCyANQQFqIQ0MAQsLDwsgAUEBayEQA0AgAyAPSgRAQQAhDQNAIA0gAUEDbEgEQCAEIA1BA3RqIAAgDUECdGoqAgC7OQMAIA1BAWohDQwBCwtEAAAAAAAAAAAhCEQAAAAAAAAAACEFRAAAAAAAAAAAIQcgECACQQFqIgwgDCAQShshDUEAIQ4DQCANIA5OBEAgCCAEIA5BGGxqIgwrAwCgIQggBSAMKwMIoCEFIAcgDCsDEKAhByAOQQFqIQ4MAQsLQQAhDkEBIREDQCAQIBFKBEAgEUEBSgRAIAIgEWoiDCAQTARAIAggBCAMIg1BGGxqIgwrAwCgIQggByAMKwMQoCEHIAUgDCsDCKAhBQsgESACa0EBayIMQQBOBEAgDEEBaiEOIAggBCAMQRhsaiIMKwMAoSEIIAcgDCsDEKEhByAFIAwrAwihIQULCyAAIBFBDGxqIgwgCEQAAAAAAADwPyANIA5rQQFqt6MiBqK2OAIAIAwgBSAGorY4AgQgDCAHIAaitjgCCCARQQFqIREMAQsLIA9BAWohDwwBCwsLvwMCCn8EeyAFIAAgAkECdCIJIAFs/AoAAANAIAEgCEoEQCADIAFBAWsgCGsiAiACIANKGyEPIAAgCCAJbGohCyAFQQAgA2siAkEAIAhrIgYgAiAGShsiDCAIaiAJbGohByAEIAMgDGpBAnRqIQICQCAJQTBGBED9DAAAAAAAAAAAAAAAAAAAAAAhEP0MAAAAAAAAAAAAAAAAAAAAACER/QwAAAAAAAAAAAAAAAAAAAAAIRJBACEGA0AgBiAPIAxrTARAIBAgAv0JAgAiEyAH/QAEAP3mAf3kASEQIBEgEyAH/QAEEP3mAf3kASERIBIgEyAH/QAEIP3mAf3kASESIAZBAWohBiAHQTBqIQcgAkEEaiECDAELCyALIBD9CwQAIAsgEf0LBBAgCyAS/QsEIAwBC0EAIQoDQCAJIApLBED9DAAAAAAAAAAAAAAAAAAAAAAhEEEAIQ0gByAKaiEOIAIhBgNAIA0gDyAMa0wEQCAQIAb9CQIAIA79AAQA/eYB/eQBIRAgDUEBaiENIAkgDmohDiAGQQRqIQYMAQsLIAogC2ogEP0LBAAgCkEQaiEKDAELCwsgCEEBaiEIDAELCwuyCQMJewx/CHwgCkEMRiEhA0AgAiAgSgRAIAEgIEEBakECdGooAgAgIEECdCIbIAFqKAIAIiJrIR0gAyAEIBtqKAIAQQJ0aiEeIAMgBSAbaigCAEECdGohHyAhBEAgH/0ABBAgHv0ABBAiFP3lASEWIB/9AAQgIB79AAQgIhX95QEhFyAf/QAEACAe/QAEACIT/eUBIRILQQAhGwNAIBsgHUgEQCAAIBsgImpBDGxqIiQqAgC7ISsgJCoCBLshLCAkKgIIuyEnRAAAAAAAAOA/RAAAAAAAAPA/IBtFIhwgGyAdQQFrRnIbIS0gHAR8RAAAAAAAAAAABSAbIB1BAWtGBHwgHUECa7cgHbejBSAbt0QAAAAAAADgv6AgHbejCwshLgJAIA8gJ2UgECAnZHFFDQAgLCAMoSAOokQAAAAAAADgP6CcIihEAAAAAAAAAABmICsgC6EgDqJEAAAAAAAA4D+gnCIpRAAAAAAAAAAAZnEgJyANoSAOokQAAAAAAADgP6CcIipEAAAAAAAAAABmcSApIAe3Y3EgKCAIt2NxICogCbdjcUUNACAGICn8AiAo/AIgKvwCIAhsaiAHbGogCmxBAnRqISUgLrb9EyEZIC22/RMhGCAKQQJ0IiNBMEYEQCAlICX9AAQAIBggEyAZIBL95gH95AH95gH95AH9CwQAICUgJf0ABBAgGCAUIBkgFv3mAf3kAf3mAf3kAf0LBBAgJSAl/QAEICAYIBUgGSAX/eYB/eQB/eYB/eQB/QsEIAwBC0EAIRwDQCAcICNJBEAgHCAlaiImICb9AAQAIBggHCAeav0ABAAiGiAZIBwgH2r9AAQAIBr95QH95gH95AH95gH95AH9CwQAIBxBEGohHAwBCwsLIBtBAWogHUhBACARGwRAICsgJCoCDLugRAAAAAAAAOA/oiEoICwgJCoCELugRAAAAAAAAOA/oiEpIBu3IB23oyEqAkAgJyAkKgIUu6BEAAAAAAAA4D+iIicgD2YgECAnZHFFDQAgKSAMoSAOokQAAAAAAADgP6CcIilEAAAAAAAAAABmICggC6EgDqJEAAAAAAAA4D+gnCIoRAAAAAAAAAAAZnEgJyANoSAOokQAAAAAAADgP6CcIidEAAAAAAAAAABmcSAoIAe3Y3EgKSAIt2NxICcgCbdjcUUNACAGICj8AiAp/AIgJ/wCIAhsaiAHbGogCmxBAnRqISMgKrb9EyEYIApBAnQiJEEwRgRAICMgI/0ABAD9DAAAgD8AAIA/AACAPwAAgD8gEyAYIBL95gH95AH95gH95AH9CwQAICMgI/0ABBD9DAAAgD8AAIA/AACAPwAAgD8gFCAYIBb95gH95AH95gH95AH9CwQQICMgI/0ABCD9DAAAgD8AAIA/AACAPwAAgD8gFSAYIBf95gH95AH95gH95AH9CwQgDAELQQAhHANAIBwgJEkEQCAcICNqIiUgJf0ABAD9DAAAgD8AAIA/AACAPwAAgD8gHCAeav0ABAAiGSAYIBwgH2r9AAQAIBn95QH95gH95AH95gH95AH9CwQAIBxBEGohHAwBCwsLCyAbQQFqIRsMAQsLICBBAWohIAwBCwsLywgCCH8WeyAG/RQhIiACIABBDPwKAAAgBSADQQz8CgAAIAAqAgC7/RQgAyoCALv9IgEiEyEbIAAqAgS7/RQgAyoCBLv9IgEiFCEcIAAqAgi7/RQgAyoCCLv9IgEiFSEdIBMhFiAUIRcgFSEYQQEhDkEBIQxBASEPQQEhECAHQQFKIgsgAUEBSiINIA0bIQ0gCyAEQQFKIgsgCxshCwNAQQEgCyANGwRAIAAgDyABQQFrIA0bQQxsaiIRKgIAu/0UIAMgECAEQQFrIAsbQQxsaiISKgIAu/0iASIeIBP98QEiGSAZ/fIBIBEqAgS7/RQgEioCBLv9IgEiHyAU/fEBIhkgGf3yAf3wASARKgIIu/0UIBIqAgi7/SIBIiAgFf3xASIZIBn98gH98AH97wEhGQNAQQEgGf0hASAIZiAHIAxKIAsgCxsiESARGyIRIBn9IQAgCGYgByAOSiANIA0bIhIgEhsiEhsEQCATIBv9DP/////////////////////9DAAAAAAAAAAAAAAAAAAAAAAgEhtCf0IAIBEb/R4BIiX9UiEbIBQgHCAl/VIhHCAVIB0gJf1SIR0gFiAeIBb98QEgIiAa/fEBIBkgGv3xASIh/fMB/QwAAAAAAADwPwAAAAAAAPA/ICH9DAAAAAAAAAAAAAAAAAAAAAD9Sv1S/QwAAAAAAAAAAAAAAAAAAAAA/fcB/QwAAAAAAADwPwAAAAAAAPA//fYBIiT98gH98AH9XiIm/V8iJyATICX9UiETIBcgHyAX/fEBICT98gH98AH9XiIh/V8iIyAUICX9UiEUIBggICAY/fEBICT98gH98AH9XiIo/V8iJCAVICX9UiEVICcgFiAl/VIhFiAjIBcgJf1SIRcgJCAYICX9UiEY/QwAAAAAAAAAAAAAAAAAAAAAIBogJf1SIRogHiAn/fEBIicgJ/3yASAfICP98QEiIyAj/fIB/fABICAgJP3xASIjICP98gH98AH97wEgGSAl/VIhGSASBEAgAkEMaiICICb9WgIAACACICH9WgIEACACICj9WgIIACAOQQFqIQ4LIBEEQCAFQQxqIgUgJv1aAgABIAUgIf1aAgQBIAUgKP1aAggBIAxBAWohDAsMAQsLIB4gFv0M//////////////////////0MAAAAAAAAAAAAAAAAAAAAACANG0J/QgAgCxv9HgEiHv1SIRYgHyAXIB79UiEXICAgGCAe/VIhGCAZIBogHv1SIRogDQRAIA9BAWoiDyABSCAHIA5KcSENCyALBEAgEEEBaiIQIARIIAcgDEpxIQsLDAELCyAAIAFBAWtBDGxqIAIgDiAT/SEAIBT9IQAgFf0hACAb/SEAIBz9IQAgHf0hACAGIAkgChAArCADIARBAWtBDGxqIAUgDCAT/SEBIBT9IQEgFf0hASAb/SEBIBz9IQEgHf0hASAGIAkgChAArEIghoQL6AMDDnwDfQN/IAMgBWshHCAGIAKiIRYgACABQQFrQQxsaiAEIAAqAgA4AgAgBCAAKgIEOAIEIAQgACoCCDgCCEEBIQMgACoCALsiBiEQIAAqAgS7Ig0hDyAAKgIIuyIMIQ4gBiELIA0hCiAMIQlBASEFA0AgAyAcSCABIAVKcQRAIAAgBUEMbGoiGyoCALsiEyAGoSISIBKiIBsqAgS7IhIgDaEiFCAUoqAgGyoCCLsiFSAMoSIUIBSioJ8hFANAIAMgHEggFCAWZnEEQCAGIRAgDSEPIAwhDiAEQQxqIgQgCyATIAuhRAAAAAAAAAAARAAAAAAAAPA/IAIgEaEgFCARoSIGo0QAAAAAAADwPyAGRAAAAAAAAAAAZBsiBiAGRAAAAAAAAPA/ZBsgBkQAAAAAAAAAAGMbIgaioLYiGTgCACAEIAogEiAKoSAGoqC2Ihg4AgQgBCAJIBUgCaEgBqKgtiIXOAIIIANBAWohAyATIBm7IgahIgkgCaIgEiAYuyINoSIJIAmioCAVIBe7IgyhIgkgCaKgnyEUIAYhCyANIQogDCEJRAAAAAAAAAAAIREMAQsLIBMhCyASIQogFSEJIBQhESAFQQFqIQUMAQsLIAQgAyAGIA0gDCAQIA8gDiACIAcgCBAAC4YCAwF7A38BfCADQQJ0IQggAkF+cUECdCEGA0AgASAHSgRA/QwAAAAAAAAAAAAAAAAAAAAAIQVBACEDA0AgAyAGSQRAIAUgACADav1dAwD9XyIFIAX98gH98AEhBSADQQhqIQMMAQsLIAX9IQAhCSAAIAJBAnRqIAJBAXEEfCAJIAAgBmoqAgC7IgkgCaKgBSAJCyAF/SEBoCIJRAAAAAAAAAAAZAR8IAmfIQkgBEQAAAAAAAAAAGQEfCAJIASiIgkgCaIiCSAJRAAAAAAAAPA9opxEAAAAAAAA8EGioZ8gBKMFIAkLBUQAAAAAAAAAAAu2OAIAIAdBAWohByAAIAhqIQAMAQsLC78MAw17En8JfCAMQQJ0ISogDEEMRiEnIAb9AAQgISADQCACICVKBEAgASAlQQFqQQJ0aigCACAlQQJ0IiMgAWooAgAiKGshJiADIAQgI2ooAgBBAnRqITIgAyAFICNqKAIAQQJ0aiEzICcEQCAz/QAEECAy/QAEECIc/eUBIR4gM/0ABCAgMv0ABCAiHf3lASEfIDP9AAQAIDL9AAQAIhv95QEhFgsgACAoQQxsaiEpIBQEQCAVICkgJkEMbPwKAAALQQEhJANAICRBAWogJkgEQCAAICQgKGpBDGxqIi4qAgC7ITcgLioCBLshOAJAIC4qAgi7IjkgEmYgEyA5ZHFFDQAgOCAOoSAQoiI6nCI7RAAAAAAAAPA/ZiA3IA2hIBCiIjycIj1EAAAAAAAA8D9mcSA5IA+hIBCiIjWcIjZEAAAAAAAA8D9mcSAItyA9RAAAAAAAAPA/oGRxIAm3IDtEAAAAAAAA8D+gZHEgCrcgNkQAAAAAAADwP6BkcUUNACAHID38AiA7/AIgNvwCIAlsaiAIbGogDGxBAnRqIi9Bf0EBIDwgPaFEAAAAAAAA4D9jGyIrIAxsQQJ0aiEwIC9Bf0EBIDogO6FEAAAAAAAA4D9jGyIsIAhsIAxsQQJ0aiExIC9Bf0EBIDUgNqFEAAAAAAAA4D9jGyItIAhsIAlsIAxsQQJ0aiE0IAtBAnQiIyAvaioCAEMAAAAAXgR/ICMgMGoqAgBDAAAAAF4FQQALBH8gIyAxaioCAEMAAAAAXgVBAAsEfyAjIDRqKgIAQwAAAABeBUEAC0UNACAktyAmt6O2/RMhISAnBEAgGyAhIBb95gH95AEiFyAv/QAEAP3mASAcICEgHv3mAf3kASIiIC/9AAQQ/eYB/eQBIB0gISAf/eYB/eQBICD95AEiISAv/QAEIP3mAf3kASEYIBcgMP0ABAD95gEgIiAw/QAEEP3mAf3kASAhIDD9AAQg/eYB/eQBIRkgFyAx/QAEAP3mASAiIDH9AAQQ/eYB/eQBICEgMf0ABCD95gH95AEhGiAXIDT9AAQA/eYBICIgNP0ABBD95gH95AEgISA0/QAEIP3mAf3kASEXBSAy/QAEACIXICEgM/0ABAAgF/3lAf3mAf3kASAG/QAEAP3kASIXIC/9AAQA/eYBIRggFyAw/QAEAP3mASEZIBcgMf0ABAD95gEhGiAXIDT9AAQA/eYBIRdBECEjA0AgIyAqSQRAIBggIyAyav0ABAAiGCAhICMgM2r9AAQAIBj95QH95gH95AEgBiAjav0ABAD95AEiIiAjIC9q/QAEAP3mAf3kASEYIBkgIiAjIDBq/QAEAP3mAf3kASEZIBogIiAjIDFq/QAEAP3mAf3kASEaIBcgIiAjIDRq/QAEAP3mAf3kASEXICNBEGohIwwBCwsLIBggGf0NAAECAwgJCgsQERITGBkaGyAYIBn9DQQFBgcMDQ4PFBUWFxwdHh/95AEiGCAaIBf9DQABAgMICQoLEBESExgZGhsgGiAX/Q0EBQYHDA0ODxQVFhccHR4f/eQBIhf9DQABAgMICQoLEBESExgZGhsgGCAX/Q0EBQYHDA0ODxQVFhccHR4f/eQBIhf9HwC7ITUgF/0fAbsgNaEgK7eiIjYgNqIgF/0fArsgNaEgLLeiIjogOqKgIBf9HwO7IDWhIC23oiI1IDWioJ8iO0QAAAAAAAAAAGRFDQAgLiA3IDYgESA7oyI2oqC2OAIAIC4gOCA6IDaioLY4AgQgLiA5IDUgNqKgtjgCCAsgJCAUQQFqaiEkDAELCyAUBEBBAiEjA0AgI0EBaiAmSARAICNBDGwiJCApaiIoKgIAuyE1ICgqAgS7ITYgKCoCCLsiNyASZiATIDdkcQRAIChBDGsiKyoCBLsgFSAkaiIkQQxrIiwqAgS7oSAoKgIQuyAkKgIQu6GgITggKyoCCLsgLCoCCLuhICgqAhS7ICQqAhS7oaAhOSAoIDUgKyoCALsgLCoCALuhICgqAgy7ICQqAgy7oaBEAAAAAAAA4D+ioLY4AgAgKCA2IDhEAAAAAAAA4D+ioLY4AgQgKCA3IDlEAAAAAAAA4D+ioLY4AggLICNBAmohIwwBCwsLICVBAWohJQwBCwsLjgQDCH8DewF+IAsgAkECdGooAgAhFyAT/QAEACEcIBP9AAQQIR0DQCACIANIBEAgFyAMayIUIA5qIA1KIBQgDkEBdGogDUwgAkEBaiIWIANIIhUgFRsiGEVxRQRAIAogFEEMbGohFSABIBZBAnRqKAIAIAEgAkECdGooAgAiFGshGSAAIBRBDGxqIRogBEEASgRAIBogGUEBIBm3IAWiIAaiRAAAAAAAAFlAo5z8AiIUIBRBAUwbIAQgBxACC0EAIRQgGARAIAEgAkECakECdGooAgAgASACQQFqQQJ0aigCACIWayEUIAAgFkEMbGohGyAEQQBKBEAgGyAUQQEgFLcgBaIgBqJEAAAAAAAAWUCjnPwCIhYgFkEBTBsgBCAHEAILIBUgGiAZIBUgGyAUIBUgDkEMbGoiFCAIIAkgD2sgECAIoiARIBIQBSIfpyIWQQxsaiAUIB9CIIinIhRBDGz8CgAABSAaIBkgCCAJIBUgDyAQIBEgEhAGIRYLIBUgFCAWakEMbGohGQNAIBUgGUkEQCAcIBVBCGogFf1dAwD9VgIAAiIe/eoBIRwgHSAe/esBIR0gFUEMaiEVDAELCyALIAJBAWoiAkECdGogFiAXaiIXNgIAIBgEQCALIAJBAWpBAnRqIBQgF2oiFzYCACACQQFqIQILDAILCwsgEyAc/QsEACATIB39CwQQIAILogEBA38gASADbCEJRAAAAAAAAPA/IAQgBKKjIQRBACAFayEHA0AgBSAHTgRAIAYgBSAHakECdGpEAAAAAAAA8D8gByAHbLcgBKKhtjgCACAHQQFqIQcMAQsLIAYgBUEBdEEBakECdGohBwNAIAIgCEoEQCAAIAggCWxBAnRqIAEgAyAFIAYgBxADIAhBAWohCAwBCwsgACACIAkgBSAGIAcQAwvBAQEGfyABIARsIgsgAmwhCgNAIAUgDEoEQEEAIQgDQCADIAhKBEAgACAIIApsQQJ0aiENQQAhCQNAIAIgCUoEQCANIAkgC2xBAnRqIAEgBCAEIAcQASAJQQFqIQkMAQsLIA0gAiALIAsgBxABIAhBAWohCAwBCwsgA0EBSgRAQQAhCANAIAggCkgEQCAAIAhBAnRqIAMgBiAKIAhrIgkgBiAJSBsgCiAHEAEgBiAIaiEIDAELCwsgDEEBaiEMDAELCws8ACAAIAJBAnRqIQIDQCAAIAJJBEAgACAA/QAEACAB/QAEAP3kAf0LBAAgAEEQaiEAIAFBEGohAQwBCwsL';

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
