import { registerKdeEngines } from '../../../src/compute/bundle/register-engines';
import { endpointsFixed, meanDistortion } from '../../../src/compute/bundle/quality';
import { getEngine } from '../../../src/compute/engine';
import { validateParams } from '../../../src/compute/params';
import { processNetwork } from '../../../src/compute/pipeline';
import { randomNetwork } from '../../../src/compute/random-network';

describe('KDE engines in the pipeline', () => {
  it('are selectable by name and bundle a pruned network end to end with live progress', () => {
    registerKdeEngines();
    expect(getEngine('exact').name).toBe('exact');
    const net = randomNetwork([12, 9, 5], 2);
    const steps = processNetwork(net, validateParams({ engine: 'fast', prunePercentage: 0.5 }));
    const phases: string[] = [];
    let result;
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done === true) { result = step.value; break; }
      phases.push(step.value.phase);
      if (step.value.phase === 'edges' && step.value.level === 3) {
        expect(step.value.snapshot().pointOffsets).toHaveLength(step.value.snapshot().keptEdges.length + 1);
      }
    }
    expect(phases.filter((p) => p === 'nodes')).toHaveLength(56);
    expect(phases.filter((p) => p === 'edges')).toHaveLength(23);
    expect(result.keptEdges.length).toBeLessThan(net.edgeGap.length);
    const sources = result.keptEdges.map((e) => net.edgeSource[e]!), targets = result.keptEdges.map((e) => net.edgeTarget[e]!);
    const lines = { points: result.points, pointOffsets: result.pointOffsets };
    expect(endpointsFixed(lines, result.nodePositions, sources, targets)).toBe(true);
    expect(meanDistortion(lines)).toBeGreaterThan(1.01);
  });
});
