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
  'AGFzbQEAAAABqAEMYAV/f39/fwBgDH9/f3x8fHx8fHx8fAF/YAl/f398f39/f38AYBJ/f39/f39/f39/f3x8fHx8fH8AYAt/f39/f398f3x8fAF+YAl/f3x/f398fHwBf2AFf39/f3wAYBR/f39/f39/f39/f39/fHx8fHx8fABgFH9/f39/fHx/fH9/f39/f398fHx/AX9gB39/f398f38AYAh/f39/f39/fwBgA39/fwADDg0BAAACAwQFBgcICQoLBQMBABAHTAgEYmx1cgALA2FkZAAMBW5vcm1zAAcFc3BsYXQABAhncmFkaWVudAAIBmZpbmlzaAAJDmVwYW5lY2huaWtvdjJkAAoGbWVtb3J5AgAKmDcNzwEBA3wgACoCALshDCAAKgIEuyENIAAqAgi7IQ4gAkEBSgRAIAwgA6EiAyADoiANIAShIgMgA6KgIA4gBaEiAyADoqCfIgMgCiAJomMEQCABQQxrIQEgAkEBayECBSADIAsgCaJjBEAgASAGIAygRAAAAAAAAOA/orY4AgAgASAHIA2gRAAAAAAAAOA/orY4AgQgASAIIA6gRAAAAAAAAOA/orY4AggLCwsgAUEMaiAAKgIAOAIAIAEgACoCBDgCECABIAAqAgg4AhQgAkEBagvBAgMGfwF7AX0gAkF8cSEIIANBAnQhBSAEQQAgAkECdPwLAANAIAEgBkoEQCAGQQFqIAFGIQdBACEDA0AgAyAISARAIANBAnQiCSAAaiIK/QAEACELIAr9DAAAAD8AAAA/AAAAPwAAAD8gC/3mAf0MAACAPgAAgD4AAIA+AACAPiAEIAlqIgr9AAQAIAcEe/0MAAAAAAAAAAAAAAAAAAAAAAUgACAFaiAJav0ABAAL/eQB/eYB/eQB/QsEACAKIAv9CwQAIANBBGohAwwBCwsDQCACIANKBEAgA0ECdCIJIABqIgoqAgAhDCAKIAxDAAAAP5QgBCAJaiIKKgIAIAcEfUMAAAAABSAAIAVqIAlqKgIAC5JDAACAPpSSOAIAIAogDDgCACADQQFqIQMMAQsLIAZBAWohBiAAIAVqIQAMAQsLC8EEAwR8A3sGfyABQQNIIANBAExyBEAPCyACQQFGBEAgACICIAFBAWtBDGxqIQQDQCADIA1KBEAgAv0ABAAhCyACQQxqIgD9AAQAIQkDQCAAIARJBEAgACALIAn95AEgAEEMaiIB/QAEACIK/eQB/Qyrqqo+q6qqPquqqj6rqqo+/eYBIgv9WwMAACAAQQhqIAv9WgIAAiAJIQsgCiEJIAEhAAwBCwsgDUEBaiENDAELCw8LIAFBAWshEANAIAMgD0oEQEEAIQ0DQCANIAFBA2xIBEAgBCANQQN0aiAAIA1BAnRqKgIAuzkDACANQQFqIQ0MAQsLRAAAAAAAAAAAIQhEAAAAAAAAAAAhBUQAAAAAAAAAACEHIBAgAkEBaiIMIAwgEEobIQ1BACEOA0AgDSAOTgRAIAggBCAOQRhsaiIMKwMAoCEIIAUgDCsDCKAhBSAHIAwrAxCgIQcgDkEBaiEODAELC0EAIQ5BASERA0AgECARSgRAIBFBAUoEQCACIBFqIgwgEEwEQCAIIAQgDCINQRhsaiIMKwMAoCEIIAcgDCsDEKAhByAFIAwrAwigIQULIBEgAmtBAWsiDEEATgRAIAxBAWohDiAIIAQgDEEYbGoiDCsDAKEhCCAHIAwrAxChIQcgBSAMKwMIoSEFCwsgACARQQxsaiIMIAhEAAAAAAAA8D8gDSAOa0EBarejIgaitjgCACAMIAUgBqK2OAIEIAwgByAGorY4AgggEUEBaiERDAELCyAPQQFqIQ8MAQsLC5QFAwp/CnsBfCAIIAAgAkECdCIMIAFs/AoAAEQAAAAAAADwPyADIAOio/0UIRYgBLciAyADov0UIRcgBEEBarciHSAdov0UIRggA/0UIRkgHf0UIRoDQCACIApKBED9DAAAAAAAAAAAAAAAAAAAAAAhE/0MAAAAAAAAAAAAAAAAAAAAACEU/QwAAAAAAAAAAAAAAAAAAAAAIRVBACEJA0AgASAJSiAEIAlOcQRAIBMgCCAJIAxsaiAKQQJ0av1dAwD9XyIb/fABIRMgFCAJt/0UIhwgG/3yAf3wASEUIBUgHCAc/fIBIBv98gH98AEhFSAJQQFqIQkMAQsLIApBA3QiCSAFaiAT/QsEACAGIAlqIBT9CwQAIAcgCWogFf0LBAAgCkECaiEKDAELCwNAIAEgC0oEQCAAIAsgDGxqIQkgC0EBaiAEaiIKIAFIIQ0gCyAEayIQQQBOIQ4gCCAKIAxsaiEPIAggDCAQbGohEEEAIQoDQCACIApKBEAgCkEDdCIRIAVq/QAEACETIAYgEWr9AAQAIRQgCSAKQQJ0IhJqIBMgByARav0ABAAiFSAW/fIB/fEB/V79WwMAACANBHsgDyASav1dAwD9XwX9DAAAAAAAAAAAAAAAAAAAAAALIRsgBSARaiATIA4EeyAQIBJq/V0DAP1fBf0MAAAAAAAAAAAAAAAAAAAAAAsiE/3xASAb/fABIhz9CwQAIAYgEWogFCAZIBP98gH98AEgGiAb/fIB/fABIBz98QEiFP0LBAAgByARaiAVIBcgE/3yAf3xASAYIBv98gH98AH9DAAAAAAAAABAAAAAAAAAAEAgFP3yAf3xASAc/fEB/QsEACAKQQJqIQoMAQsLIAtBAWohCwwBCwsLsgkDCXsMfwh8IApBDEYhIQNAIAIgIEoEQCABICBBAWpBAnRqKAIAICBBAnQiGyABaigCACIiayEdIAMgBCAbaigCAEECdGohHiADIAUgG2ooAgBBAnRqIR8gIQRAIB/9AAQQIB79AAQQIhT95QEhFiAf/QAEICAe/QAEICIV/eUBIRcgH/0ABAAgHv0ABAAiE/3lASESC0EAIRsDQCAbIB1IBEAgACAbICJqQQxsaiIkKgIAuyErICQqAgS7ISwgJCoCCLshJ0QAAAAAAADgP0QAAAAAAADwPyAbRSIcIBsgHUEBa0ZyGyEtIBwEfEQAAAAAAAAAAAUgGyAdQQFrRgR8IB1BAmu3IB23owUgG7dEAAAAAAAA4L+gIB23owsLIS4CQCAPICdlIBAgJ2RxRQ0AICwgDKEgDqJEAAAAAAAA4D+gnCIoRAAAAAAAAAAAZiArIAuhIA6iRAAAAAAAAOA/oJwiKUQAAAAAAAAAAGZxICcgDaEgDqJEAAAAAAAA4D+gnCIqRAAAAAAAAAAAZnEgKSAHt2NxICggCLdjcSAqIAm3Y3FFDQAgBiAp/AIgKPwCICr8AiAIbGogB2xqIApsQQJ0aiElIC62/RMhGSAttv0TIRggCkECdCIjQTBGBEAgJSAl/QAEACAYIBMgGSAS/eYB/eQB/eYB/eQB/QsEACAlICX9AAQQIBggFCAZIBb95gH95AH95gH95AH9CwQQICUgJf0ABCAgGCAVIBkgF/3mAf3kAf3mAf3kAf0LBCAMAQtBACEcA0AgHCAjSQRAIBwgJWoiJiAm/QAEACAYIBwgHmr9AAQAIhogGSAcIB9q/QAEACAa/eUB/eYB/eQB/eYB/eQB/QsEACAcQRBqIRwMAQsLCyAbQQFqIB1IQQAgERsEQCArICQqAgy7oEQAAAAAAADgP6IhKCAsICQqAhC7oEQAAAAAAADgP6IhKSAbtyAdt6MhKgJAICcgJCoCFLugRAAAAAAAAOA/oiInIA9mIBAgJ2RxRQ0AICkgDKEgDqJEAAAAAAAA4D+gnCIpRAAAAAAAAAAAZiAoIAuhIA6iRAAAAAAAAOA/oJwiKEQAAAAAAAAAAGZxICcgDaEgDqJEAAAAAAAA4D+gnCInRAAAAAAAAAAAZnEgKCAHt2NxICkgCLdjcSAnIAm3Y3FFDQAgBiAo/AIgKfwCICf8AiAIbGogB2xqIApsQQJ0aiEjICq2/RMhGCAKQQJ0IiRBMEYEQCAjICP9AAQA/QwAAIA/AACAPwAAgD8AAIA/IBMgGCAS/eYB/eQB/eYB/eQB/QsEACAjICP9AAQQ/QwAAIA/AACAPwAAgD8AAIA/IBQgGCAW/eYB/eQB/eYB/eQB/QsEECAjICP9AAQg/QwAAIA/AACAPwAAgD8AAIA/IBUgGCAX/eYB/eQB/eYB/eQB/QsEIAwBC0EAIRwDQCAcICRJBEAgHCAjaiIlICX9AAQA/QwAAIA/AACAPwAAgD8AAIA/IBwgHmr9AAQAIhkgGCAcIB9q/QAEACAZ/eUB/eYB/eQB/eYB/eQB/QsEACAcQRBqIRwMAQsLCwsgG0EBaiEbDAELCyAgQQFqISAMAQsLC8sIAgh/FnsgBv0UISIgAiAAQQz8CgAAIAUgA0EM/AoAACAAKgIAu/0UIAMqAgC7/SIBIhMhGyAAKgIEu/0UIAMqAgS7/SIBIhQhHCAAKgIIu/0UIAMqAgi7/SIBIhUhHSATIRYgFCEXIBUhGEEBIQ5BASEMQQEhD0EBIRAgB0EBSiILIAFBAUoiDSANGyENIAsgBEEBSiILIAsbIQsDQEEBIAsgDRsEQCAAIA8gAUEBayANG0EMbGoiESoCALv9FCADIBAgBEEBayALG0EMbGoiEioCALv9IgEiHiAT/fEBIhkgGf3yASARKgIEu/0UIBIqAgS7/SIBIh8gFP3xASIZIBn98gH98AEgESoCCLv9FCASKgIIu/0iASIgIBX98QEiGSAZ/fIB/fAB/e8BIRkDQEEBIBn9IQEgCGYgByAMSiALIAsbIhEgERsiESAZ/SEAIAhmIAcgDkogDSANGyISIBIbIhIbBEAgEyAb/Qz//////////////////////QwAAAAAAAAAAAAAAAAAAAAAIBIbQn9CACARG/0eASIl/VIhGyAUIBwgJf1SIRwgFSAdICX9UiEdIBYgHiAW/fEBICIgGv3xASAZIBr98QEiIf3zAf0MAAAAAAAA8D8AAAAAAADwPyAh/QwAAAAAAAAAAAAAAAAAAAAA/Ur9Uv0MAAAAAAAAAAAAAAAAAAAAAP33Af0MAAAAAAAA8D8AAAAAAADwP/32ASIk/fIB/fAB/V4iJv1fIicgEyAl/VIhEyAXIB8gF/3xASAk/fIB/fAB/V4iIf1fIiMgFCAl/VIhFCAYICAgGP3xASAk/fIB/fAB/V4iKP1fIiQgFSAl/VIhFSAnIBYgJf1SIRYgIyAXICX9UiEXICQgGCAl/VIhGP0MAAAAAAAAAAAAAAAAAAAAACAaICX9UiEaIB4gJ/3xASInICf98gEgHyAj/fEBIiMgI/3yAf3wASAgICT98QEiIyAj/fIB/fAB/e8BIBkgJf1SIRkgEgRAIAJBDGoiAiAm/VoCAAAgAiAh/VoCBAAgAiAo/VoCCAAgDkEBaiEOCyARBEAgBUEMaiIFICb9WgIAASAFICH9WgIEASAFICj9WgIIASAMQQFqIQwLDAELCyAeIBb9DP/////////////////////9DAAAAAAAAAAAAAAAAAAAAAAgDRtCf0IAIAsb/R4BIh79UiEWIB8gFyAe/VIhFyAgIBggHv1SIRggGSAaIB79UiEaIA0EQCAPQQFqIg8gAUggByAOSnEhDQsgCwRAIBBBAWoiECAESCAHIAxKcSELCwwBCwsgACABQQFrQQxsaiACIA4gE/0hACAU/SEAIBX9IQAgG/0hACAc/SEAIB39IQAgBiAJIAoQAKwgAyAEQQFrQQxsaiAFIAwgE/0hASAU/SEBIBX9IQEgG/0hASAc/SEBIB39IQEgBiAJIAoQAKxCIIaEC+gDAw58A30DfyADIAVrIRwgBiACoiEWIAAgAUEBa0EMbGogBCAAKgIAOAIAIAQgACoCBDgCBCAEIAAqAgg4AghBASEDIAAqAgC7IgYhECAAKgIEuyINIQ8gACoCCLsiDCEOIAYhCyANIQogDCEJQQEhBQNAIAMgHEggASAFSnEEQCAAIAVBDGxqIhsqAgC7IhMgBqEiEiASoiAbKgIEuyISIA2hIhQgFKKgIBsqAgi7IhUgDKEiFCAUoqCfIRQDQCADIBxIIBQgFmZxBEAgBiEQIA0hDyAMIQ4gBEEMaiIEIAsgEyALoUQAAAAAAAAAAEQAAAAAAADwPyACIBGhIBQgEaEiBqNEAAAAAAAA8D8gBkQAAAAAAAAAAGQbIgYgBkQAAAAAAADwP2QbIAZEAAAAAAAAAABjGyIGoqC2Ihk4AgAgBCAKIBIgCqEgBqKgtiIYOAIEIAQgCSAVIAmhIAaioLYiFzgCCCADQQFqIQMgEyAZuyIGoSIJIAmiIBIgGLsiDaEiCSAJoqAgFSAXuyIMoSIJIAmioJ8hFCAGIQsgDSEKIAwhCUQAAAAAAAAAACERDAELCyATIQsgEiEKIBUhCSAUIREgBUEBaiEFDAELCyAEIAMgBiANIAwgECAPIA4gAiAHIAgQAAuGAgMBewN/AXwgA0ECdCEIIAJBfnFBAnQhBgNAIAEgB0oEQP0MAAAAAAAAAAAAAAAAAAAAACEFQQAhAwNAIAMgBkkEQCAFIAAgA2r9XQMA/V8iBSAF/fIB/fABIQUgA0EIaiEDDAELCyAF/SEAIQkgACACQQJ0aiACQQFxBHwgCSAAIAZqKgIAuyIJIAmioAUgCQsgBf0hAaAiCUQAAAAAAAAAAGQEfCAJnyEJIAREAAAAAAAAAABkBHwgCSAEoiIJIAmiIgkgCUQAAAAAAADwPaKcRAAAAAAAAPBBoqGfIASjBSAJCwVEAAAAAAAAAAALtjgCACAHQQFqIQcgACAIaiEADAELCwuxCgMNexF/CXwgDEECdCEtIAxBDEYhKyAG/QAEICEeA0AgAiAqSgRAIAEgKkEBakECdGooAgAgKkECdCIhIAFqKAIAIi5rISwgAyAEICFqKAIAQQJ0aiEmIAMgBSAhaigCAEECdGohJyArBEAgJ/0ABBAgJv0ABBAiGv3lASEcICf9AAQgICb9AAQgIhv95QEhHSAn/QAEACAm/QAEACIZ/eUBIRQLQQEhKANAIChBAWogLEgEQCAAICggLmpBDGxqIikqAgC7ITYgKSoCBLshMwJAICkqAgi7IjIgEmYgEyAyZHFFDQAgMyAOoSAQoiI3nCI4RAAAAAAAAPA/ZiA2IA2hIBCiIjmcIjpEAAAAAAAA8D9mcSAyIA+hIBCiIjScIjVEAAAAAAAA8D9mcSAItyA6RAAAAAAAAPA/oGRxIAm3IDhEAAAAAAAA8D+gZHEgCrcgNUQAAAAAAADwP6BkcUUNACAHIDr8AiA4/AIgNfwCIAlsaiAIbGogDGxBAnRqIiJBf0EBIDkgOqFEAAAAAAAA4D9jGyIvIAxsQQJ0aiEjICJBf0EBIDcgOKFEAAAAAAAA4D9jGyIwIAhsIAxsQQJ0aiEkICJBf0EBIDQgNaFEAAAAAAAA4D9jGyIxIAhsIAlsIAxsQQJ0aiElIAtBAnQiISAiaioCAEMAAAAAXgR/ICEgI2oqAgBDAAAAAF4FQQALBH8gISAkaioCAEMAAAAAXgVBAAsEfyAhICVqKgIAQwAAAABeBUEAC0UNACAotyAst6O2/RMhHyArBEAgGSAfIBT95gH95AEiFSAi/QAEAP3mASAaIB8gHP3mAf3kASIgICL9AAQQ/eYB/eQBIBsgHyAd/eYB/eQBIB795AEiHyAi/QAEIP3mAf3kASEWIBUgI/0ABAD95gEgICAj/QAEEP3mAf3kASAfICP9AAQg/eYB/eQBIRcgFSAk/QAEAP3mASAgICT9AAQQ/eYB/eQBIB8gJP0ABCD95gH95AEhGCAVICX9AAQA/eYBICAgJf0ABBD95gH95AEgHyAl/QAEIP3mAf3kASEVBSAm/QAEACIVIB8gJ/0ABAAgFf3lAf3mAf3kASAG/QAEAP3kASIVICL9AAQA/eYBIRYgFSAj/QAEAP3mASEXIBUgJP0ABAD95gEhGCAVICX9AAQA/eYBIRVBECEhA0AgISAtSQRAIBYgISAmav0ABAAiFiAfICEgJ2r9AAQAIBb95QH95gH95AEgBiAhav0ABAD95AEiICAhICJq/QAEAP3mAf3kASEWIBcgICAhICNq/QAEAP3mAf3kASEXIBggICAhICRq/QAEAP3mAf3kASEYIBUgICAhICVq/QAEAP3mAf3kASEVICFBEGohIQwBCwsLIBYgF/0NAAECAwgJCgsQERITGBkaGyAWIBf9DQQFBgcMDQ4PFBUWFxwdHh/95AEiFiAYIBX9DQABAgMICQoLEBESExgZGhsgGCAV/Q0EBQYHDA0ODxQVFhccHR4f/eQBIhX9DQABAgMICQoLEBESExgZGhsgFiAV/Q0EBQYHDA0ODxQVFhccHR4f/eQBIhX9HwC7ITQgFf0fAbsgNKEgL7eiIjUgNaIgFf0fArsgNKEgMLeiIjcgN6KgIBX9HwO7IDShIDG3oiI0IDSioJ8iOEQAAAAAAAAAAGRFDQAgKSA2IDUgESA4oyI1oqC2OAIAICkgMyA3IDWioLY4AgQgKSAyIDQgNaKgtjgCCAsgKEEBaiEoDAELCyAqQQFqISoMAQsLC44EAwh/A3sBfiALIAJBAnRqKAIAIRcgE/0ABAAhHCAT/QAEECEdA0AgAiADSARAIBcgDGsiFCAOaiANSiAUIA5BAXRqIA1MIAJBAWoiFiADSCIVIBUbIhhFcUUEQCAKIBRBDGxqIRUgASAWQQJ0aigCACABIAJBAnRqKAIAIhRrIRkgACAUQQxsaiEaIARBAEoEQCAaIBlBASAZtyAFoiAGokQAAAAAAABZQKOc/AIiFCAUQQFMGyAEIAcQAgtBACEUIBgEQCABIAJBAmpBAnRqKAIAIAEgAkEBakECdGooAgAiFmshFCAAIBZBDGxqIRsgBEEASgRAIBsgFEEBIBS3IAWiIAaiRAAAAAAAAFlAo5z8AiIWIBZBAUwbIAQgBxACCyAVIBogGSAVIBsgFCAVIA5BDGxqIhQgCCAJIA9rIBAgCKIgESASEAUiH6ciFkEMbGogFCAfQiCIpyIUQQxs/AoAAAUgGiAZIAggCSAVIA8gECARIBIQBiEWCyAVIBQgFmpBDGxqIRkDQCAVIBlJBEAgHCAVQQhqIBX9XQMA/VYCAAIiHv3qASEcIB0gHv3rASEdIBVBDGohFQwBCwsgCyACQQFqIgJBAnRqIBYgF2oiFzYCACAYBEAgCyACQQFqQQJ0aiAUIBdqIhc2AgAgAkEBaiECCwwCCwsLIBMgHP0LBAAgEyAd/QsEECACC3MBBX8gBiABIAJsIANsQQJ0QQ9qQXBxaiIIIAEgA2wiCUEDdCILaiIKIAtqIQsDQCACIAdKBEAgACAHIAlsQQJ0aiABIAMgBCAFIAggCiALIAYQAyAHQQFqIQcMAQsLIAAgAiAJIAQgBSAIIAogCyAGEAMLwQEBBn8gASAEbCILIAJsIQoDQCAFIAxKBEBBACEIA0AgAyAISgRAIAAgCCAKbEECdGohDUEAIQkDQCACIAlKBEAgDSAJIAtsQQJ0aiABIAQgBCAHEAEgCUEBaiEJDAELCyANIAIgCyALIAcQASAIQQFqIQgMAQsLIANBAUoEQEEAIQgDQCAIIApIBEAgACAIQQJ0aiADIAYgCiAIayIJIAYgCUgbIAogBxABIAYgCGohCAwBCwsLIAxBAWohDAwBCwsLPAAgACACQQJ0aiECA0AgACACSQRAIAAgAP0ABAAgAf0ABAD95AH9CwQAIABBEGohACABQRBqIQEMAQsLCw==';

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
    this.reserve(scratch + align(block * grid.ny * 4) + 3 * block * 8);
    this.epanechnikovFn(grid.dataAt, grid.nx, grid.ny, grid.stride, radius, Math.max(Math.ceil(radius) - 1, 0), scratch);
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
