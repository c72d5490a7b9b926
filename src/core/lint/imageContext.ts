import { rosGenerationOfDistro, type RosGeneration } from '../ros/variables';
import { memoized } from '../util/memo';

/** ROS generation and distro from an image reference such as `ros:noetic-ros-core` or `osrf/ros:humble-desktop` (memoised: a compose file repeats a few images over many services). */
export const imageContext: (image: string) => { readonly ros?: RosGeneration; readonly distro?: string } = memoized(imageContextOf);

function imageContextOf(image: string): { ros?: RosGeneration; distro?: string } {
  const m =
    /(?:^|[/:_-])(boxturtle|cturtle|diamondback|electric|fuerte|groovy|hydro|indigo|jade|kinetic|lunar|melodic|noetic|ardent|bouncy|crystal|dashing|eloquent|foxy|galactic|humble|iron|jazzy|kilted|rolling)(?:$|[-_.:])/i.exec(
      image,
    );
  if (!m) return {};
  const distro = m[1]!.toLowerCase();
  const ros = rosGenerationOfDistro(distro);
  return { distro, ...(ros ? { ros } : {}) };
}
