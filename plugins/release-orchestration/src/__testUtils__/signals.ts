import { FakeSignalApi as SignalApiForTests } from '@opshub/opshub-react/testUtils';
import { act } from '@testing-library/react';

/** The shared fake signal API, delivering each message inside `act`. */
export class FakeSignalApi extends SignalApiForTests {
  emit(channel: string, message: object) {
    act(() => super.emit(channel, message));
  }
}
