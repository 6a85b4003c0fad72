"""Sans-I/O codec for the Bluetooth Fitness Machine Service (bytes in, dataclasses out).

Every decoder takes ``bytes``/``bytearray``/``memoryview`` and raises only
:class:`FtmsDecodeError`; every encoder rounds to the field resolution (never truncates) and
raises ``ValueError`` for values that do not fit. Wire formats:
``docs/ftms.md``.
"""

from __future__ import annotations

from .control_point import (
    ControlRequest,
    ControlResponse,
    OpCode,
    ResultCode,
    StopControl,
    decode_control_request,
    decode_control_response,
    encode_control_request,
    encode_control_response,
    encode_pause,
    encode_request_control,
    encode_reset,
    encode_set_target_inclination,
    encode_set_target_speed,
    encode_start,
    encode_stop,
)
from .errors import FtmsDecodeError
from .features import (
    FEATURE_NAMES,
    TARGET_SETTING_NAMES,
    Features,
    decode_features,
    encode_features,
)
from .multi_packet import TreadmillDataAssembler, merge_treadmill_data, split_treadmill_data
from .ranges import (
    InclinationRange,
    SpeedRange,
    decode_inclination_range,
    decode_speed_range,
    encode_inclination_range,
    encode_speed_range,
    snap_raw,
)
from .sensors import (
    HeartRateMeasurement,
    RscMeasurement,
    decode_heart_rate,
    decode_rsc,
    encode_heart_rate,
    encode_rsc,
)
from .status import MachineStatus, StatusOpCode, decode_status, encode_status
from .training_status import (
    TrainingStatus,
    TrainingStatusCode,
    decode_training_status,
    encode_training_status,
)
from .treadmill_data import TreadmillData, decode_treadmill_data, encode_treadmill_data
from .uuids import (
    FITNESS_MACHINE_CONTROL_POINT,
    FITNESS_MACHINE_FEATURE,
    FITNESS_MACHINE_STATUS,
    FTMS_SERVICE,
    HEART_RATE_MEASUREMENT,
    HEART_RATE_SERVICE,
    RSC_MEASUREMENT,
    RSC_SERVICE,
    SUPPORTED_INCLINATION_RANGE,
    SUPPORTED_SPEED_RANGE,
    TRAINING_STATUS,
    TREADMILL_DATA,
    characteristic_label,
    uuid16,
)

__all__ = [
    "FEATURE_NAMES",
    "FITNESS_MACHINE_CONTROL_POINT",
    "FITNESS_MACHINE_FEATURE",
    "FITNESS_MACHINE_STATUS",
    "FTMS_SERVICE",
    "HEART_RATE_MEASUREMENT",
    "HEART_RATE_SERVICE",
    "RSC_MEASUREMENT",
    "RSC_SERVICE",
    "SUPPORTED_INCLINATION_RANGE",
    "SUPPORTED_SPEED_RANGE",
    "TARGET_SETTING_NAMES",
    "TRAINING_STATUS",
    "TREADMILL_DATA",
    "ControlRequest",
    "ControlResponse",
    "Features",
    "FtmsDecodeError",
    "HeartRateMeasurement",
    "InclinationRange",
    "MachineStatus",
    "OpCode",
    "ResultCode",
    "RscMeasurement",
    "SpeedRange",
    "StatusOpCode",
    "StopControl",
    "TrainingStatus",
    "TrainingStatusCode",
    "TreadmillData",
    "TreadmillDataAssembler",
    "characteristic_label",
    "decode_control_request",
    "decode_control_response",
    "decode_features",
    "decode_heart_rate",
    "decode_inclination_range",
    "decode_rsc",
    "decode_speed_range",
    "decode_status",
    "decode_training_status",
    "decode_treadmill_data",
    "encode_control_request",
    "encode_control_response",
    "encode_features",
    "encode_heart_rate",
    "encode_inclination_range",
    "encode_pause",
    "encode_request_control",
    "encode_reset",
    "encode_rsc",
    "encode_set_target_inclination",
    "encode_set_target_speed",
    "encode_speed_range",
    "encode_start",
    "encode_status",
    "encode_stop",
    "encode_training_status",
    "encode_treadmill_data",
    "merge_treadmill_data",
    "snap_raw",
    "split_treadmill_data",
    "uuid16",
]
