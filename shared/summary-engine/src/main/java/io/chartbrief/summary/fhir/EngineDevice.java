package io.chartbrief.summary.fhir;

import io.chartbrief.summary.model.EngineInfo;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Device;

/** The {@code Device} that stands for a summary engine (and its model file) as author and Provenance agent. */
final class EngineDevice {

    private EngineDevice() {
    }

    /** A Device with a stable id per engine kind and model hash. */
    static Device of(EngineInfo engine) {
        Device device = new Device();
        String sha = engine.modelSha256();
        String id = "chartbrief-" + engine.kind() + (sha == null ? "" : "-" + sha.substring(0, Math.min(16, sha.length())));
        device.setId(id);
        device.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        device.setManufacturer("ChartBrief");
        device.setType(new CodeableConcept().setText(EngineInfo.LLAMA.equals(engine.kind())
                ? "ChartBrief summary engine: language model (llama.cpp)" : "ChartBrief summary engine: extractive, no model"));
        device.addDeviceName().setName("chartbrief-" + engine.kind() + "-summary-engine")
                .setType(Device.DeviceNameType.MANUFACTURERNAME);
        if (engine.model() != null) {
            device.addDeviceName().setName(engine.model()).setType(Device.DeviceNameType.MODELNAME);
        }
        if (sha != null) {
            device.addVersion().setType(new CodeableConcept().setText("model sha256")).setValue(sha);
        }
        device.setText(Xhtml.narrative(List.of(device.getType().getText()
                + (engine.model() == null ? "" : ", model " + engine.model()))));
        return device;
    }
}
