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
  'AGFzbQEAAAABlQELYAV/f39/fwBgDH9/f3x8fHx8fHx8fAF/YAZ/f39/f38AYBJ/f39/f39/f39/f3x8fHx8fH8AYAd/f3x/fXx8AGAFf39/f3wAYBZ/f39/f39/f39/f39/fHx8fHx8fH9/AGAUf39/f398fH98f39/f39/f3x8fH8Bf2AHf39/f3x/fwBgCH9/f39/f39/AGADf39/AAMNDAEAAgMABAUGBwgJCgUDAQAQB0wIBGJsdXIACgNhZGQACwVub3JtcwAGBXNwbGF0AAMIZ3JhZGllbnQABwZmaW5pc2gACA5lcGFuZWNobmlrb3YyZAAJBm1lbW9yeQIACvQ5DM8BAQN8IAAqAgC7IQwgACoCBLshDSAAKgIIuyEOIAJBAUoEQCAMIAOhIgMgA6IgDSAEoSIDIAOioCAOIAWhIgMgA6KgnyIDIAogCaJjBEAgAUEMayEBIAJBAWshAgUgAyALIAmiYwRAIAEgBiAMoEQAAAAAAADgP6K2OAIAIAEgByANoEQAAAAAAADgP6K2OAIEIAEgCCAOoEQAAAAAAADgP6K2OAIICwsLIAFBDGogACoCADgCACABIAAqAgQ4AhAgASAAKgIIOAIUIAJBAWoLwQIDBn8BewF9IAJBfHEhCCADQQJ0IQUgBEEAIAJBAnT8CwADQCABIAZKBEAgBkEBaiABRiEHQQAhAwNAIAMgCEgEQCADQQJ0IgkgAGoiCv0ABAAhCyAK/QwAAAA/AAAAPwAAAD8AAAA/IAv95gH9DAAAgD4AAIA+AACAPgAAgD4gBCAJaiIK/QAEACAHBHv9DAAAAAAAAAAAAAAAAAAAAAAFIAAgBWogCWr9AAQAC/3kAf3mAf3kAf0LBAAgCiAL/QsEACADQQRqIQMMAQsLA0AgAiADSgRAIANBAnQiCSAAaiIKKgIAIQwgCiAMQwAAAD+UIAQgCWoiCioCACAHBH1DAAAAAAUgACAFaiAJaioCAAuSQwAAgD6UkjgCACAKIAw4AgAgA0EBaiEDDAELCyAGQQFqIQYgACAFaiEADAELCwu/AwIKfwR7IAUgACACQQJ0IgkgAWz8CgAAA0AgASAISgRAIAMgAUEBayAIayICIAIgA0obIQ8gACAIIAlsaiELIAVBACADayICQQAgCGsiBiACIAZKGyIMIAhqIAlsaiEHIAQgAyAMakECdGohAgJAIAlBMEYEQP0MAAAAAAAAAAAAAAAAAAAAACEQ/QwAAAAAAAAAAAAAAAAAAAAAIRH9DAAAAAAAAAAAAAAAAAAAAAAhEkEAIQYDQCAGIA8gDGtMBEAgECAC/QkCACITIAf9AAQA/eYB/eQBIRAgESATIAf9AAQQ/eYB/eQBIREgEiATIAf9AAQg/eYB/eQBIRIgBkEBaiEGIAdBMGohByACQQRqIQIMAQsLIAsgEP0LBAAgCyAR/QsEECALIBL9CwQgDAELQQAhCgNAIAkgCksEQP0MAAAAAAAAAAAAAAAAAAAAACEQQQAhDSAHIApqIQ4gAiEGA0AgDSAPIAxrTARAIBAgBv0JAgAgDv0ABAD95gH95AEhECANQQFqIQ0gCSAOaiEOIAZBBGohBgwBCwsgCiALaiAQ/QsEACAKQRBqIQoMAQsLCyAIQQFqIQgMAQsLC7IJAwl7DH8IfCAKQQxGISEDQCACICBKBEAgASAgQQFqQQJ0aigCACAgQQJ0IhsgAWooAgAiImshHSADIAQgG2ooAgBBAnRqIR4gAyAFIBtqKAIAQQJ0aiEfICEEQCAf/QAEECAe/QAEECIU/eUBIRYgH/0ABCAgHv0ABCAiFf3lASEXIB/9AAQAIB79AAQAIhP95QEhEgtBACEbA0AgGyAdSARAIAAgGyAiakEMbGoiJCoCALshKyAkKgIEuyEsICQqAgi7ISdEAAAAAAAA4D9EAAAAAAAA8D8gG0UiHCAbIB1BAWtGchshLSAcBHxEAAAAAAAAAAAFIBsgHUEBa0YEfCAdQQJrtyAdt6MFIBu3RAAAAAAAAOC/oCAdt6MLCyEuAkAgDyAnZSAQICdkcUUNACAsIAyhIA6iRAAAAAAAAOA/oJwiKEQAAAAAAAAAAGYgKyALoSAOokQAAAAAAADgP6CcIilEAAAAAAAAAABmcSAnIA2hIA6iRAAAAAAAAOA/oJwiKkQAAAAAAAAAAGZxICkgB7djcSAoIAi3Y3EgKiAJt2NxRQ0AIAYgKfwCICj8AiAq/AIgCGxqIAdsaiAKbEECdGohJSAutv0TIRkgLbb9EyEYIApBAnQiI0EwRgRAICUgJf0ABAAgGCATIBkgEv3mAf3kAf3mAf3kAf0LBAAgJSAl/QAEECAYIBQgGSAW/eYB/eQB/eYB/eQB/QsEECAlICX9AAQgIBggFSAZIBf95gH95AH95gH95AH9CwQgDAELQQAhHANAIBwgI0kEQCAcICVqIiYgJv0ABAAgGCAcIB5q/QAEACIaIBkgHCAfav0ABAAgGv3lAf3mAf3kAf3mAf3kAf0LBAAgHEEQaiEcDAELCwsgG0EBaiAdSEEAIBEbBEAgKyAkKgIMu6BEAAAAAAAA4D+iISggLCAkKgIQu6BEAAAAAAAA4D+iISkgG7cgHbejISoCQCAnICQqAhS7oEQAAAAAAADgP6IiJyAPZiAQICdkcUUNACApIAyhIA6iRAAAAAAAAOA/oJwiKUQAAAAAAAAAAGYgKCALoSAOokQAAAAAAADgP6CcIihEAAAAAAAAAABmcSAnIA2hIA6iRAAAAAAAAOA/oJwiJ0QAAAAAAAAAAGZxICggB7djcSApIAi3Y3EgJyAJt2NxRQ0AIAYgKPwCICn8AiAn/AIgCGxqIAdsaiAKbEECdGohIyAqtv0TIRggCkECdCIkQTBGBEAgIyAj/QAEAP0MAACAPwAAgD8AAIA/AACAPyATIBggEv3mAf3kAf3mAf3kAf0LBAAgIyAj/QAEEP0MAACAPwAAgD8AAIA/AACAPyAUIBggFv3mAf3kAf3mAf3kAf0LBBAgIyAj/QAEIP0MAACAPwAAgD8AAIA/AACAPyAVIBggF/3mAf3kAf3mAf3kAf0LBCAMAQtBACEcA0AgHCAkSQRAIBwgI2oiJSAl/QAEAP0MAACAPwAAgD8AAIA/AACAPyAcIB5q/QAEACIZIBggHCAfav0ABAAgGf3lAf3mAf3kAf3mAf3kAf0LBAAgHEEQaiEcDAELCwsLIBtBAWohGwwBCwsgIEEBaiEgDAELCwvBBAMEfAN7Bn8gAUEDSCADQQBMcgRADwsgAkEBRgRAIAAiAiABQQFrQQxsaiEEA0AgAyANSgRAIAL9AAQAIQsgAkEMaiIA/QAEACEJA0AgACAESQRAIAAgCyAJ/eQBIABBDGoiAf0ABAAiCv3kAf0Mq6qqPquqqj6rqqo+q6qqPv3mASIL/VsDAAAgAEEIaiAL/VoCAAIgCSELIAohCSABIQAMAQsLIA1BAWohDQwBCwsPCyABQQFrIRADQCADIA9KBEBBACENA0AgDSABQQNsSARAIAQgDUEDdGogACANQQJ0aioCALs5AwAgDUEBaiENDAELC0QAAAAAAAAAACEIRAAAAAAAAAAAIQVEAAAAAAAAAAAhByAQIAJBAWoiDCAMIBBKGyENQQAhDgNAIA0gDk4EQCAIIAQgDkEYbGoiDCsDAKAhCCAFIAwrAwigIQUgByAMKwMQoCEHIA5BAWohDgwBCwtBACEOQQEhEQNAIBAgEUoEQCARQQFKBEAgAiARaiIMIBBMBEAgCCAEIAwiDUEYbGoiDCsDAKAhCCAHIAwrAxCgIQcgBSAMKwMIoCEFCyARIAJrQQFrIgxBAE4EQCAMQQFqIQ4gCCAEIAxBGGxqIgwrAwChIQggByAMKwMQoSEHIAUgDCsDCKEhBQsLIAAgEUEMbGoiDCAIRAAAAAAAAPA/IA0gDmtBAWq3oyIGorY4AgAgDCAFIAaitjgCBCAMIAcgBqK2OAIIIBFBAWohEQwBCwsgD0EBaiEPDAELCwvQDgIffxR7IAAoAgAhEyAAKAIMIR8gACgCGCEgIAAoAiQhISAAKAIEIQcgAUEBSgR/IAAoAhAFIAcLIRAgAUECSgR/IAAoAhwFIAcLIREgAUEDSgR/IAAoAigFIAcLIRIgHyATIAFBAUoiCBshFyAAKAIUIRQgACgCICEVIAAoAiwhFiAAKAIIIhogE0EM/AoAACAIBEAgFCAXQQz8CgAACyAgIBMgAUECSiIIGyEYIAgEQCAVIBhBDPwKAAALICEgEyABQQNKIggbIRkgCARAIBYgGUEM/AoAAAsgArb9EyE1IBMqAgD9EyAXKgIA/SABIBgqAgD9IAIgGSoCAP0gAyImIS0gEyoCBP0TIBcqAgT9IAEgGCoCBP0gAiAZKgIE/SADIichLiATKgII/RMgFyoCCP0gASAYKgII/SACIBkqAgj9IAMiKCEvICYhKSAnISogKCErQQEhDUEBIQ5BASEPQQEhCUEBIRtBASEcQQEhHUEBIR4gA0EBSiIIIAdBAUoiCiAKGyEKIAggEEEBSiABQQFKIgsgCxsiCyALGyELIAggEUEBSiABQQJKIgwgDBsiDCAMGyEMIAggEkEBSiABQQNKIgggCBsiCCAIGyEIA0BBASAIQQEgDEEBIAsgChsbGwRAIBMgGyAHQQFrIAobQQxsaiIiKgIA/RMgFyAcIBBBAWsgCxtBDGxqIiMqAgD9IAEgGCAdIBFBAWsgDBtBDGxqIiQqAgD9IAIgGSAeIBJBAWsgCBtBDGxqIiUqAgD9IAMiMiAm/eUBIiwgLP3mASAiKgIE/RMgIyoCBP0gASAkKgIE/SACICUqAgT9IAMiMyAn/eUBIiwgLP3mAf3kASAiKgII/RMgIyoCCP0gASAkKgII/SACICUqAgj9IAMiNCAo/eUBIiwgLP3mAf3kAf3jASEsA0BBASAs/R8DIARgIAMgCUogCCAIGyIiICIbIiJBASAs/R8CIARgIAMgD0ogDCAMGyIjICMbIiNBASAs/R8BIARgIAMgDkogCyALGyIkICQbIiQgLP0fACAEYCADIA1KIAogChsiJSAlGyIlGxsbBEAgJiAt/Qz//////////////////////QwAAAAAAAAAAAAAAAAAAAAAICUbQX9BACAkG/0cAUF/QQAgIxv9HAJBf0EAICIb/RwDIjb9UiEtICcgLiA2/VIhLiAoIC8gNv1SIS8gKSAyICn95QEgNSAx/eUBICwgMf3lASIw/ecB/QwAAIA/AACAPwAAgD8AAIA/IDD9DAAAAAAAAAAAAAAAAAAAAAD9RP1S/QwAAAAAAAAAAAAAAAAAAAAA/esB/QwAAIA/AACAPwAAgD8AAIA//eoBIjf95gH95AEiOCAmIDb9UiEmICogMyAq/eUBIDf95gH95AEiMCAnIDb9UiEnICsgNCAr/eUBIDf95gH95AEiNyAoIDb9UiEoIDggKSA2/VIhKSAwICogNv1SISogNyArIDb9UiEr/QwAAAAAAAAAAAAAAAAAAAAAIDEgNv1SITEgMiA4/eUBIjkgOf3mASAzIDD95QEiOSA5/eYB/eQBIDQgN/3lASI5IDn95gH95AH94wEgLCA2/VIhLCAlBEAgGkEMaiIaIDj9WgIAACAaIDD9WgIEACAaIDf9WgIIACANQQFqIQ0LICQEQCAUQQxqIhQgOP1aAgABIBQgMP1aAgQBIBQgN/1aAggBIA5BAWohDgsgIwRAIBVBDGoiFSA4/VoCAAIgFSAw/VoCBAIgFSA3/VoCCAIgD0EBaiEPCyAiBEAgFkEMaiIWIDj9WgIAAyAWIDD9WgIEAyAWIDf9WgIIAyAJQQFqIQkLDAELCyAyICn9DP/////////////////////9DAAAAAAAAAAAAAAAAAAAAAAgChtBf0EAIAsb/RwBQX9BACAMG/0cAkF/QQAgCBv9HAMiMP1SISkgMyAqIDD9UiEqIDQgKyAw/VIhKyAsIDEgMP1SITEgCgRAIBtBAWoiGyAHSCADIA1KcSEKCyALBEAgHEEBaiIcIBBIIAMgDkpxIQsLIAwEQCAdQQFqIh0gEUggAyAPSnEhDAsgCARAIB5BAWoiHiASSCADIAlKcSEICwwBCwsgACATIAdBAWtBDGxqIBogDSAm/R8AuyAn/R8AuyAo/R8AuyAt/R8AuyAu/R8AuyAv/R8AuyACIAUgBhAANgIEIAFBAUoEQCAAIB8gEEEBa0EMbGogFCAOICb9HwG7ICf9HwG7ICj9HwG7IC39HwG7IC79HwG7IC/9HwG7IAIgBSAGEAA2AhALIAFBAkoEQCAAICAgEUEBa0EMbGogFSAPICb9HwK7ICf9HwK7ICj9HwK7IC39HwK7IC79HwK7IC/9HwK7IAIgBSAGEAA2AhwLIAFBA0oEQCAAICEgEkEBa0EMbGogFiAJICb9HwO7ICf9HwO7ICj9HwO7IC39HwO7IC79HwO7IC/9HwO7IAIgBSAGEAA2AigLC4YCAwF7A38BfCADQQJ0IQggAkF+cUECdCEGA0AgASAHSgRA/QwAAAAAAAAAAAAAAAAAAAAAIQVBACEDA0AgAyAGSQRAIAUgACADav1dAwD9XyIFIAX98gH98AEhBSADQQhqIQMMAQsLIAX9IQAhCSAAIAJBAnRqIAJBAXEEfCAJIAAgBmoqAgC7IgkgCaKgBSAJCyAF/SEBoCIJRAAAAAAAAAAAZAR8IAmfIQkgBEQAAAAAAAAAAGQEfCAJIASiIgkgCaIiCSAJRAAAAAAAAPA9opxEAAAAAAAA8EGioZ8gBKMFIAkLBUQAAAAAAAAAAAu2OAIAIAdBAWohByAAIAhqIQAMAQsLC78MAw17En8JfCAMQQJ0ISogDEEMRiEnIAb9AAQgISADQCACICVKBEAgASAlQQFqQQJ0aigCACAlQQJ0IiMgAWooAgAiKGshJiADIAQgI2ooAgBBAnRqITIgAyAFICNqKAIAQQJ0aiEzICcEQCAz/QAEECAy/QAEECIc/eUBIR4gM/0ABCAgMv0ABCAiHf3lASEfIDP9AAQAIDL9AAQAIhv95QEhFgsgACAoQQxsaiEpIBQEQCAVICkgJkEMbPwKAAALQQEhJANAICRBAWogJkgEQCAAICQgKGpBDGxqIi4qAgC7ITcgLioCBLshOAJAIC4qAgi7IjkgEmYgEyA5ZHFFDQAgOCAOoSAQoiI6nCI7RAAAAAAAAPA/ZiA3IA2hIBCiIjycIj1EAAAAAAAA8D9mcSA5IA+hIBCiIjWcIjZEAAAAAAAA8D9mcSAItyA9RAAAAAAAAPA/oGRxIAm3IDtEAAAAAAAA8D+gZHEgCrcgNkQAAAAAAADwP6BkcUUNACAHID38AiA7/AIgNvwCIAlsaiAIbGogDGxBAnRqIi9Bf0EBIDwgPaFEAAAAAAAA4D9jGyIrIAxsQQJ0aiEwIC9Bf0EBIDogO6FEAAAAAAAA4D9jGyIsIAhsIAxsQQJ0aiExIC9Bf0EBIDUgNqFEAAAAAAAA4D9jGyItIAhsIAlsIAxsQQJ0aiE0IAtBAnQiIyAvaioCAEMAAAAAXgR/ICMgMGoqAgBDAAAAAF4FQQALBH8gIyAxaioCAEMAAAAAXgVBAAsEfyAjIDRqKgIAQwAAAABeBUEAC0UNACAktyAmt6O2/RMhISAnBEAgGyAhIBb95gH95AEiFyAv/QAEAP3mASAcICEgHv3mAf3kASIiIC/9AAQQ/eYB/eQBIB0gISAf/eYB/eQBICD95AEiISAv/QAEIP3mAf3kASEYIBcgMP0ABAD95gEgIiAw/QAEEP3mAf3kASAhIDD9AAQg/eYB/eQBIRkgFyAx/QAEAP3mASAiIDH9AAQQ/eYB/eQBICEgMf0ABCD95gH95AEhGiAXIDT9AAQA/eYBICIgNP0ABBD95gH95AEgISA0/QAEIP3mAf3kASEXBSAy/QAEACIXICEgM/0ABAAgF/3lAf3mAf3kASAG/QAEAP3kASIXIC/9AAQA/eYBIRggFyAw/QAEAP3mASEZIBcgMf0ABAD95gEhGiAXIDT9AAQA/eYBIRdBECEjA0AgIyAqSQRAIBggIyAyav0ABAAiGCAhICMgM2r9AAQAIBj95QH95gH95AEgBiAjav0ABAD95AEiIiAjIC9q/QAEAP3mAf3kASEYIBkgIiAjIDBq/QAEAP3mAf3kASEZIBogIiAjIDFq/QAEAP3mAf3kASEaIBcgIiAjIDRq/QAEAP3mAf3kASEXICNBEGohIwwBCwsLIBggGf0NAAECAwgJCgsQERITGBkaGyAYIBn9DQQFBgcMDQ4PFBUWFxwdHh/95AEiGCAaIBf9DQABAgMICQoLEBESExgZGhsgGiAX/Q0EBQYHDA0ODxQVFhccHR4f/eQBIhf9DQABAgMICQoLEBESExgZGhsgGCAX/Q0EBQYHDA0ODxQVFhccHR4f/eQBIhf9HwC7ITUgF/0fAbsgNaEgK7eiIjYgNqIgF/0fArsgNaEgLLeiIjogOqKgIBf9HwO7IDWhIC23oiI1IDWioJ8iO0QAAAAAAAAAAGRFDQAgLiA3IDYgESA7oyI2oqC2OAIAIC4gOCA6IDaioLY4AgQgLiA5IDUgNqKgtjgCCAsgJCAUQQFqaiEkDAELCyAUBEBBAiEjA0AgI0EBaiAmSARAICNBDGwiJCApaiIoKgIAuyE1ICgqAgS7ITYgKCoCCLsiNyASZiATIDdkcQRAIChBDGsiKyoCBLsgFSAkaiIkQQxrIiwqAgS7oSAoKgIQuyAkKgIQu6GgITggKyoCCLsgLCoCCLuhICgqAhS7ICQqAhS7oaAhOSAoIDUgKyoCALsgLCoCALuhICgqAgy7ICQqAgy7oaBEAAAAAAAA4D+ioLY4AgAgKCA2IDhEAAAAAAAA4D+ioLY4AgQgKCA3IDlEAAAAAAAA4D+ioLY4AggLICNBAmohIwwBCwsLICVBAWohJQwBCwsL5gMCCH8DeyALIAJBAnRqKAIAIRggE/0ABAAhHCAT/QAEECEdIAIhFSAHIA5BGGxqIRkDQCADIBVKBEBBBCADIBVrIgIgAkEEShsiAiANIBggDGsiFGsgDm0iFiACIBZIGyIXQQBKBEAgCiAUQQxsaiECQQAhFANAIBQgF0gEQCABIBQgFWoiFkECdGooAgAhGiABIBZBAWpBAnRqKAIAIBprIRYgACAaQQxsaiEaIARBAEoEQCAaIBZBASAWtyAFoiAGokQAAAAAAABZQKOc/AIiGyAbQQFMGyAEIAcQBAsgGSAUQQxsaiIbIBo2AgAgGyAWNgIEIBsgAiAOIBRsQQxsajYCCCAUQQFqIRQMAQsLIBkgFyAIIAkgD2sgECAIorYgESASEAUgAiEUQQAhFgNAIBYgF0gEQCAZIBZBDGxqKAIEIRogAiAOIBZsQQxsaiIbIBRHBEAgFCAbIBpBDGz8CgAACyAUIBpBDGxqIRQgCyAVIBZqQQFqQQJ0aiAYIBpqIhg2AgAgFkEBaiEWDAELCwNAIAIgFEkEQCAcIAJBCGogAv1dAwD9VgIAAiIe/eoBIRwgHSAe/esBIR0gAkEMaiECDAELCyAVIBdqIRUMAgsLCyATIBz9CwQAIBMgHf0LBBAgFQuiAQEDfyABIANsIQlEAAAAAAAA8D8gBCAEoqMhBEEAIAVrIQcDQCAFIAdOBEAgBiAFIAdqQQJ0akQAAAAAAADwPyAHIAdstyAEoqG2OAIAIAdBAWohBwwBCwsgBiAFQQF0QQFqQQJ0aiEHA0AgAiAISgRAIAAgCCAJbEECdGogASADIAUgBiAHEAIgCEEBaiEIDAELCyAAIAIgCSAFIAYgBxACC8EBAQZ/IAEgBGwiCyACbCEKA0AgBSAMSgRAQQAhCANAIAMgCEoEQCAAIAggCmxBAnRqIQ1BACEJA0AgAiAJSgRAIA0gCSALbEECdGogASAEIAQgBxABIAlBAWohCQwBCwsgDSACIAsgCyAHEAEgCEEBaiEIDAELCyADQQFKBEBBACEIA0AgCCAKSARAIAAgCEECdGogAyAGIAogCGsiCSAGIAlIGyAKIAcQASAGIAhqIQgMAQsLCyAMQQFqIQwMAQsLCzwAIAAgAkECdGohAgNAIAAgAkkEQCAAIAD9AAQAIAH9AAQA/eQB/QsEACAAQRBqIQAgAUEQaiEBDAELCws=';

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
