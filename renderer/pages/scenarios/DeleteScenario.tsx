import { useBridge } from '../../bridge';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useDataVersion } from '../../hooks/useCall';

export function DeleteScenario({ name }: { readonly name: string }) {
  const bridge = useBridge();
  const { bump } = useDataVersion();
  return <ConfirmDelete name={name} testId="delete-scenario" onDelete={async () => { await bridge.call('scenarios.remove', { name }); bump(); }} />;
}
