import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentPrincipal, Meta, type Principal, type RequestMeta } from '@televisit/api-core';
import { CreateUserDto, toUserView, UpdateUserDto, UserDto, UserListDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('api/v1')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post('clinics/:clinicId/users')
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({ operationId: 'createUser', summary: 'Add a clinic admin or provider to a clinic' })
  @ApiCreatedResponse({ type: UserDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
    @Body() body: CreateUserDto,
    @Meta() meta: RequestMeta,
  ): Promise<UserDto> {
    return toUserView(await this.users.create(principal, clinicId, body, meta));
  }

  @Get('clinics/:clinicId/users')
  @Access({ roles: ['platform_admin', 'clinic_admin'] })
  @ApiOperation({ operationId: 'listUsers', summary: "A clinic's users" })
  @ApiOkResponse({ type: UserListDto })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('clinicId') clinicId: string,
  ): Promise<UserListDto> {
    return { data: (await this.users.list(principal, clinicId)).map(toUserView) };
  }

  @Patch('users/:id')
  @Access({ roles: ['platform_admin', 'clinic_admin', 'provider'] })
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change a user (providers: their own name and password only)',
  })
  @ApiOkResponse({ type: UserDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @Meta() meta: RequestMeta,
  ): Promise<UserDto> {
    return toUserView(await this.users.update(principal, id, body, meta));
  }
}
